namespace Dagger.TestRig;

/// <summary>
/// The hermetic images, built <c>FROM scratch</c> with Debian's static busybox and imported into the Docker Engine's
/// store by <c>scripts/images</c>, because no registry can be reached. They are reused when already present.
/// </summary>
public static class TestImages
{
    /// <summary>busybox with its applet links, <c>/etc/passwd</c> and <c>/tmp</c>.</summary>
    public const string Busybox = "dagger-test/busybox:latest";

    /// <summary>
    /// A distinct image whose config sets ENV, WORKDIR and USER, holding <c>/etc/issue</c> with
    /// <see cref="ConfigIssue"/>, for tests of how image config propagates.
    /// </summary>
    public const string Config = "dagger-test/config:latest";

    /// <summary>The text of <c>/etc/issue</c> in <see cref="Config"/>.</summary>
    public const string ConfigIssue = "dagger-test config image\n";

    /// <summary>The value of <c>GREETING</c> in <see cref="Config"/>'s environment.</summary>
    public const string ConfigGreeting = "hello from the image config";

    /// <summary>The working directory of <see cref="Config"/>.</summary>
    public const string ConfigWorkdir = "/srv/app";

    /// <summary>The user of <see cref="Config"/> (uid 1234, gid 1234).</summary>
    public const string ConfigUser = "tester";

    /// <summary>Debian bookworm made from Debian's archive by <c>scripts/images-dotnet</c> (mmdebstrap).</summary>
    public const string Debian = "dagger-test/debian:bookworm";

    /// <summary><see cref="Debian"/> with this machine's .NET SDK: what tests use for <c>mcr.microsoft.com/dotnet/sdk:10.0</c>.</summary>
    public const string DotnetSdk = "dagger-test/dotnet-sdk:10.0";

    /// <summary><see cref="Debian"/> with this machine's .NET runtime only: for <c>mcr.microsoft.com/dotnet/runtime:10.0</c>.</summary>
    public const string DotnetRuntime = "dagger-test/dotnet-runtime:10.0";

    private static readonly SemaphoreSlim DotnetGate = new(1, 1);
    private static bool dotnetEnsured;

    /// <summary>
    /// Makes sure the Debian and .NET images are in the store of the engine at <paramref name="dockerHost"/>: built
    /// by <c>scripts/images-dotnet</c> the first time (a few minutes), found by their key label after that.
    /// </summary>
    public static async Task EnsureDotnetAsync(string dockerHost, CancellationToken cancellationToken = default)
    {
        await DotnetGate.WaitAsync(cancellationToken);
        try
        {
            if (!dotnetEnsured)
            {
                var script = Path.Combine(RepoPaths.RepoRoot, "scripts", "images-dotnet");
                (await ProcessRunner.RunAsync("bash", [script], environment: new Dictionary<string, string?> { ["DOCKER_HOST"] = dockerHost }, timeout: TimeSpan.FromMinutes(15), cancellationToken: cancellationToken))
                    .EnsureSuccess("scripts/images-dotnet");
                dotnetEnsured = true;
            }
        }
        finally
        {
            DotnetGate.Release();
        }
    }

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool ensured;

    /// <summary>Makes sure both images are in the store of the engine at <paramref name="dockerHost"/>.</summary>
    public static async Task EnsureAsync(string dockerHost, CancellationToken cancellationToken = default)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (!ensured)
            {
                var script = Path.Combine(RepoPaths.RepoRoot, "scripts", "images");
                (await ProcessRunner.RunAsync("bash", [script], environment: new Dictionary<string, string?> { ["DOCKER_HOST"] = dockerHost }, timeout: TimeSpan.FromMinutes(5), cancellationToken: cancellationToken))
                    .EnsureSuccess("scripts/images");
                ensured = true;
            }
        }
        finally
        {
            Gate.Release();
        }
    }
}
