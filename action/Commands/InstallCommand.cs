using Dagger.Action.GitHub;
using Dagger.Action.Inputs;
using Dagger.Action.Install;
using Dagger.Action.Logging;
using Dagger.Action.Reporting;

namespace Dagger.Action.Commands;

/// <summary>
/// The install steps of <c>action.yml</c>. <c>prepare</c> decides (a dagger of the version on PATH, or the folder
/// and the cache key for <c>actions/cache</c>) and writes that as step outputs; <c>install</c> then installs into
/// that folder, unless the cache restored it, and adds it to <c>$GITHUB_PATH</c>.
/// </summary>
internal sealed class InstallCommand(ActionEnvironment environment, LogWriter log, ActionSettings settings)
{
    /// <summary>Writes the plan as step outputs: version, found, tool-dir, cache-key.</summary>
    public async Task<int> PrepareAsync(CancellationToken cancellationToken)
    {
        var (github, plan) = await PlanAsync(cancellationToken);
        log.Text(plan.OnPath is { } path
            ? $"dagger {plan.Version} is on PATH ({path}): nothing to install"
            : $"dagger {plan.Version} goes to {plan.ToolDirectory} (cache key {plan.CacheKey})");
        (string, string)[] outputs =
        [
            ("version", plan.Version),
            ("found", plan.OnPath is null ? "false" : "true"),
            ("tool-dir", plan.ToolDirectory),
            ("cache-key", plan.CacheKey),
        ];
        if (github.OutputFile is { } file)
        {
            await new StepOutputs(file, SecretMasker.None, log, settings.OutputDelimiters).WriteAsync(outputs, cancellationToken);
        }

        log.Close();
        return ExitCodes.Success;
    }

    /// <summary>Installs the plan's version when it is not on PATH, and puts it on PATH for the later steps.</summary>
    public async Task<int> InstallAsync(CancellationToken cancellationToken)
    {
        var (github, plan) = await PlanAsync(cancellationToken);
        if (plan.OnPath is { } path)
        {
            log.Text($"using dagger {plan.Version} at {path}");
            log.Close();
            return ExitCodes.Success;
        }

        var installer = new ToolInstaller(log, environment, settings.Time, settings.InstallPause);
        var folder = await installer.InstallAsync(plan, github.Workspace, cancellationToken);
        if (github.PathFile is { } pathFile)
        {
            await File.AppendAllTextAsync(pathFile, folder + "\n", cancellationToken);
        }

        log.Text($"dagger {plan.Version} is installed in {folder}");
        log.Close();
        return ExitCodes.Success;
    }

    private async Task<(GitHubContext GitHub, InstallPlan Plan)> PlanAsync(CancellationToken cancellationToken)
    {
        var inputs = ActionInputs.Read(environment);
        var github = GitHubContext.Read(environment);
        var plan = await InstallPlan.MakeAsync(inputs, github, environment, cancellationToken);
        return (github, plan);
    }
}
