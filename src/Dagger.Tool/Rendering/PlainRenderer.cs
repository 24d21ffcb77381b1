using System.Globalization;
using Dagger.Runtime.Cue;
using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Events;
using Dagger.Runtime.Engine.Runs;

namespace Dagger.Tool.Rendering;

/// <summary>
/// Log lines for people: task progress, each line an op prints under its op's path, and warnings and errors as
/// <c>FILE:LINE:COL: error CODE: MESSAGE</c>, the form compilers use, so that editors and CI logs link to the line.
/// </summary>
internal sealed class PlainRenderer(TextWriter output) : IEventRenderer
{
    public void Render(RunEvent e)
    {
        if (Line(e) is { } line)
        {
            output.WriteLine(line);
        }
    }

    /// <summary>Nothing to finish: each line was written as it came.</summary>
    public void Dispose()
    {
    }

    /// <summary>The plain log's line for an event, or null when the plain log shows nothing for it.</summary>
    /// <remarks>The tty view prints its warnings, errors and summary with this, so that both read the same.</remarks>
    public static string? Line(RunEvent e) => e switch
    {
        TaskStarted s => $"[{Task(s.Path)}] computing",
        TaskCompleted c => $"[{Task(c.Path)}] {c.Message}",
        TaskLog l => $"[{l.Op.Path}] {l.Line}",
        TaskSkipped s => Problem(s.Span, "warning", TaskSkipped.Code, $"[{Task(s.Path)}] {s.Message}"),
        TaskFailed f => Problem(f.Error),
        TaskCancelled c => $"[{Task(c.Path)}] {c.Message}",
        Diagnostic d => Problem(d.Error, d.Level == EventLevel.Warn ? "warning" : "error"),
        RunCompleted { Outcome: { Result: RunResult.Success } outcome } => Summary(outcome),
        RunCompleted { Outcome: { Result: RunResult.Cancelled, Error: { } error } } => Problem(error),
        RunCompleted { Outcome: { Result: RunResult.Failure, Counts.Tasks: > 0 } outcome } => Failed(outcome),
        _ => null,
    };

    /// <summary>An error as one line: <c>main.cue:29:12: error DAG4001: message</c>.</summary>
    public static string Problem(DaggerError error, string severity = "error") => Problem(error.Span, severity, error.Code, error.Message);

    private static string Problem(SourceSpan? span, string severity, ErrorCode code, string message) =>
        span is { } s
            ? string.Create(CultureInfo.InvariantCulture, $"{s.File}:{s.Line}:{s.Column}: {severity} {code.Id}: {message}")
            : $"dagger: {severity} {code.Id}: {message}";

    private static string Summary(RunOutcome outcome)
    {
        var c = outcome.Counts;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"dagger: {c.Computed} computed, {c.Skipped} skipped; {c.Solves} solves, {c.Waves} waves, {c.Fills} fills in {outcome.Duration.TotalSeconds:0.00}s");
    }

    // The last line of a run that failed in a task says what failed, after the lines of every task it stopped; not in
    // the FILE:LINE form, which would count the error twice in an editor's problem list. A plan that fails before its
    // tasks has its coded error as its last line already.
    private static string Failed(RunOutcome outcome)
    {
        var c = outcome.Counts;
        var what = outcome.Error is { } error
            ? error.Task is { } task ? $"{Task(task)} failed ({error.Code.Id})" : $"failed ({error.Code.Id})"
            : "failed";
        return string.Create(CultureInfo.InvariantCulture, $"dagger: {what}; {c.Computed} computed, {c.Cancelled} cancelled, {c.Skipped} skipped in {outcome.Duration.TotalSeconds:0.00}s");
    }

    private static string Task(string path) => path.Length == 0 ? "(root)" : path;
}
