using Dagger.Action.GitHub;
using Dagger.Action.Inputs;
using Dagger.Action.Tool;

namespace Dagger.Action.Install;

/// <summary>
/// Which dagger a job gets: the version, a dagger already on PATH when it is that version, and otherwise the
/// folder in the runner's temporary folder that <c>dotnet tool install</c> fills, and the key under which
/// <c>actions/cache</c> keeps it (by OS, architecture and version).
/// </summary>
/// <param name="Version">The version to run.</param>
/// <param name="OnPath">A dagger of that version already on PATH, or null.</param>
/// <param name="ToolDirectory">Where the tool is installed when it is not on PATH.</param>
/// <param name="CacheKey">The cache key of <paramref name="ToolDirectory"/>.</param>
internal sealed record InstallPlan(string Version, string? OnPath, string ToolDirectory, string CacheKey)
{
    /// <summary>The plan for the inputs and the runner.</summary>
    public static async Task<InstallPlan> MakeAsync(ActionInputs inputs, GitHubContext github, ActionEnvironment environment, CancellationToken cancellationToken)
    {
        var version = inputs.Version ?? ToolVersion.OfAction;
        var onPath = ToolLocator.Find("dagger", environment) is { } found
            && await VersionOfAsync(found, environment, cancellationToken) == version
            ? found
            : null;
        var platform = $"{github.RunnerOs}-{github.RunnerArch}".ToLowerInvariant();
        return new InstallPlan(
            version,
            onPath,
            Path.Combine(github.RunnerTemp, "dagger-tool", platform, version),
            $"dagger-tool-{platform}-{version}");
    }

    /// <summary>The version a dagger executable reports (<c>dagger version</c>'s first line), or null.</summary>
    public static async Task<string?> VersionOfAsync(string executable, ActionEnvironment environment, CancellationToken cancellationToken)
    {
        var run = await CapturedProcess.RunAsync(executable, ["version"], environment, Directory.GetCurrentDirectory(), TimeSpan.FromSeconds(60), cancellationToken);
        if (run is not { ExitCode: 0 })
        {
            return null;
        }

        var first = run.Stdout.Split('\n', 2)[0].Trim();
        return first.StartsWith("dagger ", StringComparison.Ordinal) ? first["dagger ".Length..].Trim() : null;
    }
}
