using System.Globalization;
using Dagger.Action.Errors;
using Dagger.Action.GitHub;
using Dagger.Action.Inputs;
using Dagger.Action.Logging;
using Dagger.Action.Runs;
using Octokit;

namespace Dagger.Action.Reporting;

/// <summary>
/// Reports a run to GitHub through the best channel the token allows, falling back without losing content: a check
/// run; when checks cannot be written (a fork's pull request, a read-only token, a 403), a commit status; then
/// annotations in the log. Every failure to report is a warning in the log and a note in the job summary, never
/// the step's failure.
/// </summary>
internal sealed class Reporter(
    ReportMode mode,
    GitHubContext github,
    IGitHubClient? client,
    string checkName,
    LogWriter log,
    SecretMasker masker,
    ApiUsage usage,
    TimeProvider time,
    TimeSpan liveInterval,
    Func<RunReport> snapshot,
    Func<RunReport, ReportMarkdown> markdown) : IAsyncDisposable
{
    // Live updates are a nicety: they stop while the token has fewer requests left than the end of the run needs.
    private const long LiveReserve = 50;

    private readonly List<string> notes = [];
    private CheckRunReporter? check;
    private CommitStatusReporter? status;
    private LiveUpdates? live;
    private bool liveFailed;

    /// <summary>Where the report goes.</summary>
    public ReportChannel Channel { get; private set; } = ReportChannel.None;

    /// <summary>What the job summary should say about the report (its fallbacks, what was left out).</summary>
    public IReadOnlyList<string> Notes => notes;

    /// <summary>The check run's id, when there is one.</summary>
    public long? CheckRunId => check?.Id;

    /// <summary>The check run's page, when there is one.</summary>
    public string? CheckRunUrl => check?.Url;

    /// <summary>Opens the report before the run starts: creates the check run or the pending status.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Channel = mode switch
        {
            ReportMode.None => ReportChannel.None,
            ReportMode.Annotations => ReportChannel.Annotations,
            _ => await OpenApiChannelAsync(cancellationToken),
        };
    }

    /// <summary>A task finished: the check run's summary is updated, within the live-update interval.</summary>
    public void TaskFinished() => live?.Ask();

    /// <summary>Closes the report once the run has ended.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await StopLiveAsync();
        var report = snapshot();
        IEnumerable<Problem> inLog = [];
        switch (Channel)
        {
            case ReportChannel.CheckRun:
                var completion = await check!.CompleteAsync(report, cancellationToken);
                if (completion.Error is { } error)
                {
                    var what = completion.Concluded ? "its conclusion is set" : "its conclusion could not be set either";
                    Fallback($"the check run did not take every annotation ({Describe(error)}): {completion.Unsent.Count} are written to the log instead, and {what}");
                }

                inLog = completion.Unsent;
                break;
            case ReportChannel.CommitStatus:
                try
                {
                    await status!.SetAsync(report, cancellationToken);
                }
                catch (Exception e) when (CheckRunReporter.IsApiFailure(e, cancellationToken))
                {
                    Fallback($"the commit status could not be set to its result ({Describe(e)})");
                }

                inLog = report.Problems;
                break;
            case ReportChannel.Annotations:
                inLog = report.Problems;
                break;
        }

        var omitted = WorkflowAnnotations.Write(log, inLog);
        if (omitted > 0)
        {
            var text = $"{omitted} more problem{(omitted == 1 ? " is" : "s are")} listed in the job summary: the runner shows {TextLimits.WorkflowAnnotationsPerLevel} annotations of each kind per step";
            log.Notice(text);
            notes.Add(text);
        }

        if (usage.Requests > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{usage.Requests} GitHub API request{(usage.Requests == 1 ? "" : "s")}"));
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await StopLiveAsync();

    private async Task<ReportChannel> OpenApiChannelAsync(CancellationToken cancellationToken)
    {
        if (!github.CanCallApi)
        {
            Fallback("GITHUB_REPOSITORY and GITHUB_SHA are not both set, so no check run or commit status can be written: problems are annotations in the log", ActionCodes.MissingContext);
            return ReportChannel.Annotations;
        }

        if (client is null)
        {
            Fallback("input 'token' is empty, so no check run or commit status can be written: problems are annotations in the log", ActionCodes.MissingContext);
            return ReportChannel.Annotations;
        }

        if (mode == ReportMode.Auto && github.IsForkPullRequest)
        {
            var text = "this pull request comes from a fork, whose token cannot write checks or commit statuses: problems are annotations in the log, and the job summary has the whole report";
            log.Notice(text);
            notes.Add(text);
            return ReportChannel.Annotations;
        }

        if (mode is ReportMode.Auto or ReportMode.Check)
        {
            var reporter = new CheckRunReporter(client, github, checkName, masker, time, markdown);
            try
            {
                await reporter.CreateAsync(snapshot(), cancellationToken);
                check = reporter;
                live = new LiveUpdates(UpdateAsync, liveInterval, time);
                live.Start(time.GetUtcNow(), cancellationToken);
                return ReportChannel.CheckRun;
            }
            catch (Exception e) when (CheckRunReporter.IsApiFailure(e, cancellationToken))
            {
                var next = mode == ReportMode.Auto ? "a commit status" : "annotations in the log";
                Fallback($"the check run could not be created ({Describe(e)}; it needs 'checks: write'): falling back to {next}");
                if (mode == ReportMode.Check)
                {
                    return ReportChannel.Annotations;
                }
            }
        }

        var statusReporter = new CommitStatusReporter(client, github, checkName, masker, markdown);
        try
        {
            await statusReporter.SetAsync(snapshot(), cancellationToken);
            status = statusReporter;
            return ReportChannel.CommitStatus;
        }
        catch (Exception e) when (CheckRunReporter.IsApiFailure(e, cancellationToken))
        {
            Fallback($"the commit status could not be set ({Describe(e)}; it needs 'statuses: write'): falling back to annotations in the log");
            return ReportChannel.Annotations;
        }
    }

    private async Task UpdateAsync(CancellationToken cancellationToken)
    {
        if (liveFailed || usage.Remaining < LiveReserve)
        {
            return;
        }

        try
        {
            await check!.UpdateAsync(snapshot(), cancellationToken);
        }
        catch (Exception e) when (CheckRunReporter.IsApiFailure(e, cancellationToken))
        {
            liveFailed = true;
            Fallback($"a live update of the check run failed ({Describe(e)}): it is updated again only at the end");
        }
    }

    private async Task StopLiveAsync()
    {
        if (live is not null)
        {
            await live.DisposeAsync();
            live = null;
        }
    }

    private void Fallback(string text, string code = ActionCodes.ReportFallback)
    {
        log.Warning(code, text);
        notes.Add($"{code}: {text}");
    }

    private static string Describe(Exception e) => e switch
    {
        ApiException api => $"{(int)api.StatusCode} {api.Message}",
        _ => e.Message,
    };
}
