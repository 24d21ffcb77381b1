using Dagger.Action.GitHub;
using Dagger.Action.Logging;
using Dagger.Action.Runs;
using Octokit;

namespace Dagger.Action.Reporting;

/// <summary>
/// The check run of a run: created <c>in_progress</c> on the commit, its summary updated as tasks finish, then its
/// annotations sent 50 a request (GitHub appends them) and its conclusion set with the last of them.
/// </summary>
internal sealed class CheckRunReporter(IGitHubClient client, GitHubContext github, string name, SecretMasker masker, TimeProvider time, Func<RunReport, ReportMarkdown> markdown)
{
    /// <summary>The check run's id, once created.</summary>
    public long? Id { get; private set; }

    /// <summary>The check run's page, once created.</summary>
    public string? Url { get; private set; }

    /// <summary>Creates the check run; API errors are thrown to the caller, which falls back.</summary>
    public async Task CreateAsync(RunReport report, CancellationToken cancellationToken)
    {
        var run = new NewCheckRun(name, github.HeadSha!)
        {
            Status = CheckStatus.InProgress,
            StartedAt = time.GetUtcNow(),
            DetailsUrl = github.RunUrl,
            Output = Output(report),
        };
        var created = await client.Check.Run.Create(github.Owner!, github.Repository!, run).WaitAsync(cancellationToken);
        Id = created.Id;
        Url = created.HtmlUrl;
    }

    /// <summary>Updates the summary while the run goes on.</summary>
    public Task UpdateAsync(RunReport report, CancellationToken cancellationToken) =>
        client.Check.Run.Update(github.Owner!, github.Repository!, Id!.Value, new CheckRunUpdate { Output = Output(report) }).WaitAsync(cancellationToken);

    /// <summary>
    /// Sends the annotations, 50 a request, and the conclusion with the last batch. When a request fails, the
    /// conclusion is still set on its own, and the result names the problems whose annotations GitHub did not take,
    /// so that the caller reports them another way; nothing is dropped silently.
    /// </summary>
    public async Task<CheckRunCompletion> CompleteAsync(RunReport report, CancellationToken cancellationToken)
    {
        var annotations = CheckRunAnnotations.Of(report.Problems, masker);
        var batches = annotations.Chunk(TextLimits.AnnotationsPerRequest).ToList();
        var sent = 0;
        try
        {
            for (var i = 0; i < batches.Count - 1; i++)
            {
                await SendAsync(report, batches[i], final: false, cancellationToken);
                sent += batches[i].Length;
            }

            await SendAsync(report, batches.Count == 0 ? [] : batches[^1], final: true, cancellationToken);
            return new CheckRunCompletion([], null, true);
        }
        catch (Exception e) when (IsApiFailure(e, cancellationToken))
        {
            var unsent = annotations.Skip(sent).Select(a => a.Problem).ToList();
            try
            {
                await SendAsync(report, [], final: true, cancellationToken);
                return new CheckRunCompletion(unsent, e, true);
            }
            catch (Exception again) when (IsApiFailure(again, cancellationToken))
            {
                return new CheckRunCompletion(unsent, again, false);
            }
        }
    }

    /// <summary>Whether an exception is a failure to talk to the API (and not the caller's cancellation).</summary>
    public static bool IsApiFailure(Exception e, CancellationToken cancellationToken) =>
        e is ApiException or HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private async Task SendAsync(RunReport report, (Problem Problem, NewCheckRunAnnotation Annotation)[] batch, bool final, CancellationToken cancellationToken)
    {
        var output = Output(report, [.. batch.Select(b => b.Annotation)]);
        var update = new CheckRunUpdate { Output = output };
        if (final)
        {
            update.Status = CheckStatus.Completed;
            update.CompletedAt = time.GetUtcNow();
            update.Conclusion = report.Result switch
            {
                RunResult.Success => CheckConclusion.Success,
                RunResult.Cancelled => CheckConclusion.Cancelled,
                _ => CheckConclusion.Failure,
            };
        }

        await client.Check.Run.Update(github.Owner!, github.Repository!, Id!.Value, update).WaitAsync(cancellationToken);
    }

    private NewCheckRunOutput Output(RunReport report, NewCheckRunAnnotation[]? annotations = null)
    {
        var md = markdown(report);
        var summary = new BoundedText(TextLimits.CheckRunText, inBytes: false);
        foreach (var line in md.Headline().Concat(md.Tasks()).Concat(md.Outputs()))
        {
            summary.Add(masker.Redact(line));
        }

        var text = new BoundedText(TextLimits.CheckRunText, inBytes: false);
        foreach (var line in md.Problems())
        {
            text.Add(masker.Redact(line));
        }

        var where = "The job summary and the log of the workflow run have the rest.";
        return new NewCheckRunOutput(TextLimits.Characters(masker.Redact(md.Title), TextLimits.AnnotationTitle), summary.Build(where))
        {
            Text = text.Build(where),
            Annotations = annotations,
        };
    }
}
