using System.Diagnostics;
using System.Runtime.InteropServices;
using Dagger.MSBuild.Events;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Dagger.MSBuild;

/// <summary>
/// Runs a dagger plan: starts the dagger tool with <c>--log-format json</c> and turns its event stream
/// (docs/events.md) into MSBuild messages, warnings and errors with their <c>DAGnnnn</c> codes at their place in the
/// plan's CUE files. The tool runs as its own process because it needs ASP.NET Core, which MSBuild cannot load.
/// Cancelling the build interrupts the tool, which cancels the engine's solve.
/// </summary>
public sealed class DaggerUp : ToolTask
{
    private readonly object gate = new();
    private PlanRequest? request;
    private EventReporter? reporter;
    private string? host;
    private Process? process;
    private bool cancelled;

    /// <summary>The run, as <see cref="ResolveDaggerPlans"/> writes it in its <c>Request</c> metadata.</summary>
    [Required]
    public string Request { get; set; } = "";

    /// <summary>
    /// The dagger tool: a <c>dagger.dll</c>, run with <c>dotnet exec --roll-forward Major</c>, or an executable.
    /// </summary>
    [Required]
    public string DaggerTool { get; set; } = "";

    /// <summary>The .NET host (<c>$(DOTNET_HOST_PATH)</c>); <c>dotnet</c> from the PATH when it is empty.</summary>
    public string? DotNetHostPath { get; set; }

    /// <summary>The lowest level of event that is logged: <c>debug</c>, <c>info</c> (the default), <c>warn</c>, <c>error</c>.</summary>
    public string? LogLevel { get; set; }

    /// <summary>How long an interrupted tool has to cancel its solve and say so before it is killed.</summary>
    internal TimeSpan InterruptGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The plan's outputs, with metadata <c>Path</c>, <c>Value</c>, <c>Plan</c> and <c>Line</c> (for a stamp file).</summary>
    [Output]
    public ITaskItem[] Outputs { get; private set; } = [];

    /// <inheritdoc />
    protected override string ToolName => IsAssembly ? HostName : Path.GetFileName(DaggerTool);

    /// <inheritdoc />
    protected override MessageImportance StandardErrorLoggingImportance => MessageImportance.Normal;

    /// <inheritdoc />
    protected override MessageImportance StandardOutputLoggingImportance =>
        request?.DryRun == true ? MessageImportance.High : MessageImportance.Low;

    private bool IsAssembly => DaggerTool.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);

    private static string HostName => RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";

    /// <inheritdoc />
    public override bool Execute()
    {
        var succeeded = base.Execute();
        if (reporter is not null)
        {
            if (cancelled && !Log.HasLoggedErrors)
            {
                reporter.Finish(ExitCode == 0 ? -1 : ExitCode, cancelled: true);
            }

            Outputs = [.. reporter.Outputs.Select(o => o.ToRunItem(request!.Plan))];
        }

        return succeeded && !Log.HasLoggedErrors;
    }

    /// <inheritdoc />
    public override void Cancel()
    {
        Process? running;
        lock (gate)
        {
            cancelled = true;
            running = process;
        }

        // On Unix the tool is interrupted as Ctrl-C would: it cancels the engine's solve and reports the cancellation.
        // It is killed only if it has not exited after the grace period (and on Windows, where a child has no Ctrl-C).
        if (running is not null && Interrupt(running))
        {
            Log.LogMessage(MessageImportance.High, $"dagger {request?.Plan}: cancelling the run");
            _ = System.Threading.Tasks.Task.Run(() =>
            {
                if (!running.WaitForExit((int)InterruptGrace.TotalMilliseconds))
                {
                    base.Cancel();
                }
            });
            return;
        }

        base.Cancel();
    }

    /// <inheritdoc />
    protected override bool ValidateParameters()
    {
        request = PlanRequest.FromProperty(Request);
        if (request is null)
        {
            Log.LogError(null, ErrorCodes.InvalidProperty, null, null, 0, 0, 0, 0, "DaggerUp's Request is not a request that ResolveDaggerPlans made.");
            return false;
        }

        var threshold = EventLevels.Parse(string.IsNullOrEmpty(LogLevel) ? "info" : LogLevel);
        if (threshold is null)
        {
            Log.LogError(null, ErrorCodes.InvalidProperty, null, null, 0, 0, 0, 0, $"DaggerLogLevel is '{LogLevel}'; it must be debug, info, warn or error.");
            return false;
        }

        if (!File.Exists(DaggerTool))
        {
            Log.LogError(null, ErrorCodes.ToolNotFound, null, null, 0, 0, 0, 0,
                $"The dagger tool was not found at '{DaggerTool}'. Restore the Dagger.MSBuild package again, or set DaggerToolPath to a dagger.dll or a dagger executable.");
            return false;
        }

        if (IsAssembly)
        {
            host = FindHost();
            if (host is null)
            {
                Log.LogError(null, ErrorCodes.HostNotFound, null, null, 0, 0, 0, 0,
                    "No .NET host to run the dagger tool with: DOTNET_HOST_PATH is not set and no dotnet is on the PATH. Install the .NET SDK or runtime 10 or later, or set DOTNET_HOST_PATH.");
                return false;
            }
        }

        reporter = new EventReporter(Log, new BinlogRecorder(BuildEngine, request.Plan), request, threshold.Value);
        return true;
    }

    /// <inheritdoc />
    protected override string GenerateFullPathToTool() => IsAssembly ? host! : Path.GetFullPath(DaggerTool);

    /// <inheritdoc />
    protected override string GenerateCommandLineCommands()
    {
        var arguments = new List<string>();
        if (IsAssembly)
        {
            // The tool is built for .NET 10; a newer runtime runs it too.
            arguments.AddRange(["exec", "--roll-forward", "Major", Path.GetFullPath(DaggerTool)]);
        }

        arguments.AddRange(request!.Arguments);
        arguments.AddRange(["--log-format", "json"]);
        return CommandLine.Join(arguments);
    }

    /// <inheritdoc />
    /// <remarks>
    /// ToolTask turns backslashes into slashes on Unix, which would change input values and undo the quoting; the
    /// arguments are already what the tool must receive.
    /// </remarks>
    protected override string AdjustCommandsForOperatingSystem(string input) => input;

    /// <inheritdoc />
    protected override string? GetWorkingDirectory() =>
        request is not null && Directory.Exists(request.PlanDirectory) ? request.PlanDirectory : null;

    /// <inheritdoc />
    protected override Process StartToolProcess(Process proc)
    {
        var started = base.StartToolProcess(proc);
        lock (gate)
        {
            process = started;
        }

        return started;
    }

    /// <inheritdoc />
    protected override void LogEventsFromTextOutput(string singleLine, MessageImportance messageImportance) =>
        reporter!.Line(singleLine, messageImportance);

    /// <inheritdoc />
    protected override bool HandleTaskExecutionErrors()
    {
        reporter!.Finish(ExitCode, cancelled);
        return false;
    }

    private string? FindHost()
    {
        if (!string.IsNullOrEmpty(DotNetHostPath) && File.Exists(DotNetHostPath))
        {
            return DotNetHostPath;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator)
            .Where(folder => folder.Length > 0)
            .Select(folder => Path.Combine(folder, HostName))
            .FirstOrDefault(File.Exists);
    }

    private static bool Interrupt(Process running)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return false;
        }

        try
        {
            return !running.HasExited && NativeMethods.Kill(running.Id, NativeMethods.SigInt) == 0;
        }
        catch (Exception e) when (e is InvalidOperationException or DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }
}
