using Dagger.Runtime.BuildKit;
using Dagger.TestRig;

namespace Dagger.BuildKit.IntegrationTests.Support;

/// <summary>One client on the rig's engine for the whole test assembly.</summary>
internal static class TestEngine
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static BuildKitClient? client;

    internal static async Task<BuildKitClient> ClientAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return client ??= await BuildKitClient.ConnectAsync(Rig.Current.Engine);
        }
        finally
        {
            Gate.Release();
        }
    }
}
