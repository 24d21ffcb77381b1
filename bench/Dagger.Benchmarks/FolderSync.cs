using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Dagger.Runtime.BuildKit;
using Dagger.Runtime.Llb;

namespace Dagger.Benchmarks;

/// <summary>
/// Syncs a fresh 20 MB folder of 500 files to the engine through the client session (FileSync), as a <c>local</c>
/// source does. Each iteration uses new content, so nothing comes from the engine's cache.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class FolderSync
{
    private const int Files = 500;
    private const int FileSize = 40 * 1024;

    private BuildKitClient client = null!;
    private string folder = null!;

    /// <summary>The bytes synced per iteration.</summary>
    public static long Bytes => (long)Files * FileSize;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var address = EngineDiscovery.Resolve(null) ?? throw new InvalidOperationException("no engine: run export \"$(scripts/engine)\" first");
        client = await BuildKitClient.ConnectAsync(address);
    }

    [IterationSetup]
    public void WriteFolder()
    {
        folder = Directory.CreateTempSubdirectory("dagger-sync-").FullName;
        var buffer = new byte[FileSize];
        for (var i = 0; i < Files; i++)
        {
            Random.Shared.NextBytes(buffer);
            var dir = Path.Combine(folder, $"d{i % 20}");
            Directory.CreateDirectory(dir);
            File.WriteAllBytes(Path.Combine(dir, $"f{i}.bin"), buffer);
        }
    }

    [IterationCleanup]
    public void RemoveFolder() => Directory.Delete(folder, recursive: true);

    [GlobalCleanup]
    public ValueTask CleanupAsync() => client.DisposeAsync();

    [Benchmark(Description = "Sync 20 MB / 500 files")]
    public async Task SyncAsync()
    {
        await using var clientSession = await ClientSession.StartAsync(client);
        clientSession.AddDirectory("src", new LocalDirectory(folder));
        await using var build = await client.StartBuildAsync(new BuildSessionOptions { ClientSession = clientSession });
        var local = State.Local("src", new LocalOptions { SessionId = clientSession.Id, SharedKeyHint = folder });
        await build.SolveAsync(local.Marshal().ToProto());
        await build.CompleteAsync();
    }
}
