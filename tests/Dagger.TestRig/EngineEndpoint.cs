using Dagger.Runtime.BuildKit;

namespace Dagger.TestRig;

/// <summary>
/// The engine the tests use: the one <c>scripts/engine</c> makes available (it honours <c>BUILDKIT_HOST</c> and
/// <c>DOCKER_HOST</c>, and starts the project's private Docker Engine when nothing answers).
/// </summary>
public static class EngineEndpoint
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static EngineAddress? cached;

    /// <summary>Makes the engine available and returns its address.</summary>
    public static async Task<EngineAddress> GetAsync(CancellationToken cancellationToken = default)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (cached is not null)
            {
                return cached;
            }

            var script = Path.Combine(RepoPaths.RepoRoot, "scripts", "engine");
            var result = (await ProcessRunner.RunAsync("bash", [script], timeout: TimeSpan.FromMinutes(10), cancellationToken: cancellationToken))
                .EnsureSuccess("scripts/engine");
            var line = result.Stdout.Trim().Split('\n')[^1];
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                throw new InvalidOperationException($"scripts/engine printed no address: {result.Stdout}");
            }

            var (key, value) = (line[..eq], line[(eq + 1)..]);
            cached = key == "BUILDKIT_HOST"
                ? new EngineAddress(EngineKind.BuildKit, value, key)
                : new EngineAddress(EngineKind.DockerEngine, value, key);
            return cached;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The Docker Engine address; fails clearly when the engine is a standalone buildkitd.</summary>
    public static async Task<Uri> GetDockerAsync(CancellationToken cancellationToken = default)
    {
        var engine = await GetAsync(cancellationToken);
        return engine.Kind == EngineKind.DockerEngine
            ? new Uri(engine.Uri)
            : throw new InvalidOperationException("The test rig needs a Docker Engine (to load its images); BUILDKIT_HOST names a buildkitd.");
    }
}
