using System.Globalization;
using System.Text;
using System.Text.Json;
using Dagger.Action.Errors;
using Dagger.Action.Events;
using Dagger.Action.GitHub;
using Dagger.Action.Inputs;
using Dagger.Action.Logging;
using Dagger.Action.Reporting;
using Dagger.Action.Runs;
using Dagger.Action.Tool;

namespace Dagger.Action.Commands;

/// <summary>
/// The action's main step: runs dagger with the inputs, relays its stream to the log, reports the run to GitHub,
/// writes the job summary and the step outputs. The step fails exactly when dagger fails and <c>fail-on-error</c>
/// is true; reporting never fails it.
/// </summary>
internal sealed class RunCommand(ActionEnvironment environment, LogWriter log, ActionSettings settings)
{
    /// <summary>Runs the step. <paramref name="cancel"/> interrupts dagger; <paramref name="hardStop"/> ends reporting too.</summary>
    public async Task<int> ExecuteAsync(CancellationToken cancel, CancellationToken hardStop)
    {
        var inputs = ActionInputs.Read(environment);
        var github = GitHubContext.Read(environment);
        var masker = new SecretMasker(new[] { inputs.Token, inputs.AgeKey }.OfType<string>().Concat(DaggerInvocation.SecretValues(inputs.Args, environment)));
        log.Use(masker);
        log.AddMasks(masker.RunnerValues);
        if (inputs.InstallOnly)
        {
            log.Notice("install-only is true: dagger is installed, nothing is run");
            log.Close();
            return ExitCodes.Success;
        }

        var invocation = DaggerInvocation.Create(inputs, github, environment);
        var time = settings.Time;
        var state = new RunState(invocation.Display, invocation.PlanFolder, new SourceLocator(github.Workspace), time);

        // Reporting outlives a cancel by a few seconds, so that the check run still says "cancelled".
        using var reportStop = CancellationTokenSource.CreateLinkedTokenSource(hardStop);
        using var onCancel = cancel.Register(() => reportStop.CancelAfter(settings.ReportGrace));
        var usage = new ApiUsage();
        var client = inputs.Token is null || inputs.Report is ReportMode.None or ReportMode.Annotations
            ? null
            : GitHubApi.Create(github.ApiUrl, inputs.Token, usage, time, settings.RetryMaxWait, reportStop.Token);
        ReportMarkdown Markdown(RunReport report) => new(report, location => github.Link(location.Path, location.Line, location.EndLine));
        await using var reporter = new Reporter(inputs.Report, github, client, inputs.CheckName, log, masker, usage, time, settings.LiveInterval, state.Snapshot, Markdown);
        await reporter.StartAsync(reportStop.Token);
        state.TaskFinished += reporter.TaskFinished;

        log.Text($"{invocation.Display}   (in {invocation.WorkingDirectory})");
        DaggerExit exit;
        using (var relay = new LogRelay(log, Path.Combine(github.RunnerTemp, "dagger-action-logs", Path.GetRandomFileName())))
        {
            try
            {
                exit = await DaggerProcess.RunAsync(
                    invocation,
                    text =>
                    {
                        var line = EventParser.Parse(text);
                        state.Apply(line);
                        relay.Relay(state.Trusted ? line : line with { Event = null });
                    },
                    settings.StopGrace,
                    cancel);
            }
            catch (ActionException e)
            {
                // The check run is open: it must still be completed, with the reason.
                state.Fail(e.Code, e.Message);
                exit = new DaggerExit(ExitCodes.Failure, "", true, false);
            }

            state.Exited(exit.ExitCode);
            relay.FlushAll();
        }

        if (exit.Stdout.Length > 0)
        {
            log.Group("dagger's result (stdout)");
            log.Text(exit.Stdout.TrimEnd('\n'));
            log.EndGroup();
        }

        var report = state.Snapshot();
        await reporter.CompleteAsync(reportStop.Token);
        log.Text(Markdown(report).Title);

        if (inputs.Summary)
        {
            if (github.SummaryFile is { } summaryFile)
            {
                await JobSummary.WriteAsync(summaryFile, Markdown(report), reporter.Notes, masker, CancellationToken.None);
            }
            else
            {
                log.Text("GITHUB_STEP_SUMMARY is not set: no job summary");
            }
        }

        await WriteOutputsAsync(github, report, reporter, exit, masker, log);
        log.Close();
        var failed = report.Result != RunResult.Success;
        return failed && inputs.FailOnError ? FailureCode(exit.ExitCode) : ExitCodes.Success;
    }

    private async Task WriteOutputsAsync(GitHubContext github, RunReport report, Reporter reporter, DaggerExit exit, SecretMasker masker, LogWriter log)
    {
        if (!exit.StdoutComplete)
        {
            log.Warning(ActionCodes.OutputRefused, $"dagger printed more than {DaggerProcess.StdoutLimit:N0} characters on stdout: output 'stdout' holds the first {DaggerProcess.StdoutLimit:N0}");
        }

        (string, string)[] outputs =
        [
            ("result", report.Result.ToString().ToLowerInvariant()),
            ("outputs", OutputsJson(report)),
            ("computed", report.Computed.ToString(CultureInfo.InvariantCulture)),
            ("skipped", report.Skipped.ToString(CultureInfo.InvariantCulture)),
            ("duration", report.Duration.ToString("0.000", CultureInfo.InvariantCulture)),
            ("check-run-id", reporter.CheckRunId?.ToString(CultureInfo.InvariantCulture) ?? ""),
            ("check-run-url", reporter.CheckRunUrl ?? ""),
            ("stdout", exit.Stdout.EndsWith('\n') ? exit.Stdout[..^1] : exit.Stdout),
        ];
        if (github.OutputFile is { } file)
        {
            await new StepOutputs(file, masker, log, settings.OutputDelimiters).WriteAsync(outputs, CancellationToken.None);
            return;
        }

        log.Text("GITHUB_OUTPUT is not set: the outputs are");
        foreach (var (name, value) in outputs.Where(o => o.Item1 != "stdout"))
        {
            log.Text($"  {name} = {value}");
        }
    }

    /// <summary>The plan's outputs as one JSON object, path to value (null for a value that is not concrete).</summary>
    public static string OutputsJson(RunReport report)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            foreach (var output in report.Outputs)
            {
                json.WritePropertyName(output.Path);
                if (output.Value.ValueKind == JsonValueKind.Undefined)
                {
                    json.WriteNullValue();
                }
                else
                {
                    output.Value.WriteTo(json);
                }
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    // The step ends with the tool's own code where it is one a shell can carry.
    private static int FailureCode(int toolExitCode) => toolExitCode is > 0 and < 256 ? toolExitCode : ExitCodes.Failure;
}
