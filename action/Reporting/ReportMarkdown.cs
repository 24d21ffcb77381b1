using System.Globalization;
using System.Text.Json;
using Dagger.Action.Runs;

namespace Dagger.Action.Reporting;

/// <summary>
/// The run as Markdown, in pieces that the check run and the job summary put together: a headline, the problems,
/// the table of tasks, the outputs. Every piece is a sequence of lines, so that a <see cref="BoundedText"/> can cut
/// it anywhere.
/// </summary>
/// <param name="Report">The run.</param>
/// <param name="SourceLink">A link to a place in the repository, or null when there is none.</param>
internal sealed record ReportMarkdown(RunReport Report, Func<SourceLocation, string?> SourceLink)
{
    private const int ValueCharacters = 300;
    private const int DetailLines = 20;
    private static readonly string[] CostCounts = ["solves", "waves", "fills"];

    /// <summary>One line: the result and the counts, as the check run's title and the status's description say it.</summary>
    public string Title
    {
        get
        {
            var r = Report;
            var verb = r.Result switch
            {
                RunResult.Success => "succeeded",
                RunResult.Failure => "failed",
                RunResult.Cancelled => "was cancelled",
                _ => "is running",
            };
            var counts = $"{r.Computed} computed, {r.Failed} failed, {r.Skipped} skipped" + (r.Cancelled > 0 ? $", {r.Cancelled} cancelled" : "");
            return string.Create(CultureInfo.InvariantCulture, $"dagger {verb}: {counts} in {r.Duration:0.0}s");
        }
    }

    /// <summary>The heading and the lines under it: the command, the counts and what the run cost.</summary>
    public IEnumerable<string> Headline()
    {
        var icon = Report.Result switch
        {
            RunResult.Success => Report.Skipped > 0 ? "⚠️" : "✅",
            RunResult.Failure => "❌",
            RunResult.Cancelled => "🚫",
            _ => "⏳",
        };
        yield return $"### {icon} {Markdown.Text(Title)}";
        yield return "";
        var cost = string.Join(", ", CostCounts
            .Where(Report.Counts.ContainsKey)
            .Select(k => $"{Report.Counts[k].ToString(CultureInfo.InvariantCulture)} {k}"));
        yield return Markdown.Code(Report.CommandLine)
            + (Report.ToolVersion is { Length: > 0 } version ? $" · dagger {Markdown.Text(version)}" : "")
            + (cost.Length > 0 ? $" · {cost}" : "");
        yield return "";
    }

    /// <summary>The problems, errors first, each with its place and its details.</summary>
    public IEnumerable<string> Problems()
    {
        if (Report.Problems.IsEmpty)
        {
            yield break;
        }

        yield return "#### Problems";
        yield return "";
        foreach (var problem in Report.Problems.OrderBy(p => p.Level))
        {
            var icon = problem.Level switch
            {
                ProblemLevel.Error => "❌",
                ProblemLevel.Warning => "⚠️",
                _ => "ℹ️",
            };
            var place = Place(problem);
            var task = problem.Task is null ? "" : $" {Markdown.Code(problem.Task.Length == 0 ? "(root)" : problem.Task)}";
            yield return $"- {icon} **{Markdown.Text(problem.Code)}**{task}{(place.Length > 0 ? " at " + place : "")}: {Markdown.Text(problem.Message)}";
            if (!problem.Details.IsEmpty)
            {
                yield return "";
                foreach (var line in Markdown.Block(problem.Details.TakeLast(DetailLines)))
                {
                    yield return "  " + line;
                }

                yield return "";
            }
        }

        yield return "";
    }

    /// <summary>The table of tasks.</summary>
    public IEnumerable<string> Tasks()
    {
        if (Report.Tasks.IsEmpty)
        {
            yield break;
        }

        yield return "| | Task | Status | Duration | Exports |";
        yield return "|---|---|---|---|---|";
        foreach (var task in Report.Tasks)
        {
            var (icon, status) = task.Outcome switch
            {
                TaskOutcome.Computed => ("✅", task.Cached ? "computed (cached)" : "computed"),
                TaskOutcome.Failed => ("❌", "failed"),
                TaskOutcome.Skipped => ("⏭️", task.WaitingFor.IsEmpty ? "skipped" : "skipped: waits for " + string.Join(", ", task.WaitingFor.Select(Markdown.Code))),
                TaskOutcome.Cancelled => ("🚫", "cancelled"),
                _ => ("⏳", "running"),
            };
            var duration = task.Duration is { } seconds ? string.Create(CultureInfo.InvariantCulture, $"{seconds:0.0}s") : "";
            yield return $"| {icon} | {Markdown.Code(task.DisplayName)} | {status} | {duration} | {string.Join(" ", task.Exports.Select(Markdown.Code))} |";
        }

        yield return "";
    }

    /// <summary>The plan's outputs.</summary>
    public IEnumerable<string> Outputs()
    {
        if (Report.Outputs.IsEmpty)
        {
            yield break;
        }

        yield return "#### Outputs";
        yield return "";
        yield return "| Output | Value | Description |";
        yield return "|---|---|---|";
        foreach (var output in Report.Outputs)
        {
            var value = output.Value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null
                ? "*(not concrete)*"
                : Markdown.Code(TextLimits.Characters(output.Value.GetRawText(), ValueCharacters));
            yield return $"| {Markdown.Code(output.Path)} | {value} | {Markdown.Text(output.Description ?? "")} |";
        }

        yield return "";
    }

    private string Place(Problem problem)
    {
        if (problem.Location is { } location)
        {
            return SourceLink(location) is { } link ? $"[{Markdown.Text(location.ToString())}]({link})" : Markdown.Code(location.ToString());
        }

        return problem.Span is { } span ? Markdown.Code(span.ToString()) : "";
    }
}
