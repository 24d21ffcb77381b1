using Dagger.Action.GitHub;
using Dagger.Action.Logging;
using Dagger.Action.Runs;
using Octokit;

namespace Dagger.Action.Reporting;

/// <summary>
/// A commit status (<c>statuses: write</c>), the report when checks cannot be written: <c>pending</c> while the run
/// goes on, then its result, with a one-line description and a link to the workflow run.
/// </summary>
internal sealed class CommitStatusReporter(IGitHubClient client, GitHubContext github, string context, SecretMasker masker, Func<RunReport, ReportMarkdown> markdown)
{
    /// <summary>Sets the status for the report; API errors are thrown to the caller.</summary>
    public Task SetAsync(RunReport report, CancellationToken cancellationToken)
    {
        var status = new NewCommitStatus
        {
            State = report.Result switch
            {
                RunResult.Running => CommitState.Pending,
                RunResult.Success => CommitState.Success,
                RunResult.Failure => CommitState.Failure,
                _ => CommitState.Error,
            },
            Context = context,
            Description = TextLimits.Characters(masker.Redact(markdown(report).Title), TextLimits.StatusDescription),
            TargetUrl = github.RunUrl,
        };
        return client.Repository.Status.Create(github.Owner!, github.Repository!, github.HeadSha!, status).WaitAsync(cancellationToken);
    }
}
