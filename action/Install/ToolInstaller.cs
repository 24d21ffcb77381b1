using System.Text.RegularExpressions;
using Dagger.Action.Errors;
using Dagger.Action.Logging;
using Dagger.Action.Tool;

namespace Dagger.Action.Install;

/// <summary>
/// Installs the dagger tool with <c>dotnet tool install --tool-path</c> into the plan's folder, unless a dagger of
/// the version is already there (restored from the cache). A feed that answers 429 or 5xx is tried again after a
/// growing pause; any other failure is final.
/// </summary>
internal sealed partial class ToolInstaller(LogWriter log, ActionEnvironment environment, TimeProvider time, TimeSpan firstPause)
{
    /// <summary>The tool's package.</summary>
    public const string PackageId = "Dagger.Tool";

    /// <summary>Attempts at most.</summary>
    public const int MaxAttempts = 4;

    /// <summary>Makes sure the plan's version is installed; returns the folder that holds <c>dagger</c>.</summary>
    public async Task<string> InstallAsync(InstallPlan plan, string workingDirectory, CancellationToken cancellationToken)
    {
        var executable = Path.Combine(plan.ToolDirectory, OperatingSystem.IsWindows() ? "dagger.exe" : "dagger");
        if (File.Exists(executable) && await InstallPlan.VersionOfAsync(executable, environment, cancellationToken) == plan.Version)
        {
            log.Text($"dagger {plan.Version} is already in {plan.ToolDirectory} (from the cache)");
            return plan.ToolDirectory;
        }

        var dotnet = ToolLocator.Find("dotnet", environment)
            ?? throw new ActionException(ActionCodes.InstallFailed, "dotnet is not on PATH: the action needs the .NET 10 SDK (actions/setup-dotnet with dotnet-version 10.0.x)");
        string[] arguments = ["tool", "install", PackageId, "--version", plan.Version, "--tool-path", plan.ToolDirectory];
        var pause = firstPause;
        for (var attempt = 1; ; attempt++)
        {
            log.Text($"dotnet {string.Join(' ', arguments)} (attempt {attempt} of {MaxAttempts})");
            var run = await CapturedProcess.RunAsync(dotnet, arguments, environment, workingDirectory, TimeSpan.FromMinutes(5), cancellationToken)
                ?? throw new ActionException(ActionCodes.InstallFailed, $"{dotnet} could not be started");
            if (run.ExitCode == 0)
            {
                break;
            }

            var output = (run.Stdout + "\n" + run.Stderr).Trim();
            log.Text(output);
            if (attempt == MaxAttempts || !Busy().IsMatch(output))
            {
                var why = attempt == MaxAttempts ? $"the feed was still busy after {MaxAttempts} attempts" : "see its output above";
                throw new ActionException(ActionCodes.InstallFailed, $"dotnet tool install {PackageId} {plan.Version} failed ({why}): {LastLine(output)}");
            }

            log.Text($"the feed is busy: trying again in {pause.TotalSeconds:0} s");
            await Task.Delay(pause, time, cancellationToken);
            pause *= 2;
        }

        var installed = await InstallPlan.VersionOfAsync(executable, environment, cancellationToken);
        if (installed != plan.Version)
        {
            throw new ActionException(ActionCodes.InstallFailed, $"dotnet tool install put no dagger {plan.Version} in {plan.ToolDirectory} (it reports {installed ?? "nothing"})");
        }

        return plan.ToolDirectory;
    }

    private static string LastLine(string output) => output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0) ?? "no output";

    // NuGet says "Response status code does not indicate success: 429 (Too Many Requests)."
    [GeneratedRegex(@"status code does not indicate success: (429|5\d\d)\b|\b(Too Many Requests|Service Unavailable|Bad Gateway|Gateway Time-?out|Internal Server Error)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Busy();
}
