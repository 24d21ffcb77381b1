using System.Text;
using Dagger.Action.Logging;

namespace Dagger.Action.Reporting;

/// <summary>
/// The job summary (<c>$GITHUB_STEP_SUMMARY</c>): the headline, the problems, the tasks, the outputs and notes on
/// the report, appended to what the step already wrote, and cut with a note before GitHub's 1 MiB a step.
/// </summary>
internal static class JobSummary
{
    // Room for what GitHub adds and for rounding: the cut comes a little before the limit.
    private const int Margin = 4096;

    /// <summary>Appends the summary to <paramref name="file"/>.</summary>
    public static async Task WriteAsync(string file, ReportMarkdown markdown, IEnumerable<string> notes, SecretMasker masker, CancellationToken cancellationToken)
    {
        var existing = File.Exists(file) ? new FileInfo(file).Length : 0;
        var text = new BoundedText((int)Math.Max(0, TextLimits.StepSummaryBytes - Margin - existing), inBytes: true);
        var lines = markdown.Headline()
            .Concat(markdown.Problems())
            .Concat(markdown.Tasks())
            .Concat(markdown.Outputs())
            .Concat(notes.Select(n => "> " + Markdown.Text(n)).SelectMany(n => new[] { n, ">" }).SkipLast(1));
        foreach (var line in lines)
        {
            text.Add(masker.Redact(line));
        }

        await File.AppendAllTextAsync(file, text.Build("The log of the workflow run has every line.") + "\n", new UTF8Encoding(false), cancellationToken);
    }
}
