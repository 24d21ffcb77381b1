using System.Globalization;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Dagger.MSBuild.Events;

/// <summary>
/// Turns the tool's output, a line at a time, into MSBuild messages, warnings and errors (docs/events.md, "Reading the
/// stream"): every warning and error event once, with its code at its span; task progress at normal importance;
/// container output at low; the run's counts at high. Lines that are not events are shown as they are.
/// </summary>
internal sealed class EventReporter(TaskLoggingHelper log, BinlogRecorder binlog, PlanRequest request, EventLevel threshold)
{
    /// <summary>The version of the event stream this reader knows.</summary>
    public const int SchemaVersion = 1;

    private const int TailLength = 20;
    private readonly Queue<string> tail = new();
    private readonly List<DaggerOutput> outputs = [];
    private string planDirectory = request.PlanDirectory;
    private bool distrusted;
    private bool reportedError;

    /// <summary>The plan's outputs, from <c>run.completed</c>.</summary>
    public IReadOnlyList<DaggerOutput> Outputs => outputs;

    /// <summary>Whether the stream ended with <c>run.completed</c>.</summary>
    public bool Completed { get; private set; }

    /// <summary>Takes one line that the tool wrote; <paramref name="plainImportance"/> is for a line that is no event.</summary>
    public void Line(string line, MessageImportance plainImportance)
    {
        var e = distrusted ? null : DaggerEvent.TryParse(line);
        if (e is null)
        {
            Plain(line, plainImportance);
            return;
        }

        if (e.Version != SchemaVersion)
        {
            distrusted = true;
            log.LogWarning(null, ErrorCodes.UnknownSchema, null, null, 0, 0, 0, 0,
                $"dagger writes events of schema version {e.Version}; this Dagger.MSBuild reads version {SchemaVersion}, so it shows the tool's output as plain text and judges the run by its exit code. Use the Dagger.MSBuild package that comes with the tool.");
            Plain(line, plainImportance);
            return;
        }

        Report(e);
    }

    /// <summary>
    /// Called once the tool has exited: a failed run that reported no error, or a cancelled one, still fails with one
    /// coded error (never MSBuild's bare "exited with code").
    /// </summary>
    public void Finish(int exitCode, bool cancelled)
    {
        if (reportedError || log.HasLoggedErrors || (exitCode == 0 && !cancelled))
        {
            return;
        }

        if (cancelled)
        {
            LogError("DAG4004", null, $"dagger {request.Plan}: the run was cancelled.");
            return;
        }

        var message = new StringBuilder($"dagger {request.Plan}: the tool exited with code {exitCode.ToString(CultureInfo.InvariantCulture)} without reporting an error");
        message.Append(tail.Count == 0 ? " and printed nothing." : "; its last lines:");
        foreach (var line in tail)
        {
            message.Append('\n').Append("  ").Append(line);
        }

        LogError(ErrorCodes.ToolFailed, null, message.ToString());
    }

    private void Report(DaggerEvent e)
    {
        var level = EventLevels.Parse(e.Level) ?? EventLevel.Info;
        switch (e.Name)
        {
            case "run.started":
                planDirectory = e.Text("plan") is { Length: > 0 } plan ? plan : planDirectory;
                Message(level, MessageImportance.Normal, $"dagger {request.Plan}: {e.Message}");
                return;
            case "run.completed":
                RunCompleted(e);
                return;
            case "task.log":
                Message(level, MessageImportance.Low, $"[{TaskName(e)}] {e.Message}");
                return;
            case "op.started" or "op.completed" or "solve.completed":
                Message(EventLevel.Debug, MessageImportance.Low, e.Task is null ? e.Message : $"[{TaskName(e)}] {e.Message}");
                return;
        }

        if (level >= EventLevel.Warn && e.Code is { } code)
        {
            Diagnostic(level, code, e.Span, Describe(e));
        }
        else
        {
            var importance = e.Name is "task.started" or "task.completed" ? MessageImportance.Normal : MessageImportance.Low;
            Message(level, importance, e.Task is null ? e.Message : $"[{TaskName(e)}] {e.Message}");
        }

        if (e.Name.StartsWith("task.", StringComparison.Ordinal) && e.Name != "task.started")
        {
            binlog.Record(e);
        }
    }

    private void RunCompleted(DaggerEvent e)
    {
        Completed = true;
        if (e.Field("outputs") is IReadOnlyList<object?> items)
        {
            outputs.AddRange(items.Select(DaggerOutput.From).OfType<DaggerOutput>());
        }

        var counts = e.Field("counts") as IReadOnlyDictionary<string, object?>;
        string Count(string name) => counts is not null && counts.TryGetValue(name, out var n) && n is Json.JsonNumber number ? number.Text : "0";
        log.LogMessage(
            MessageImportance.High,
            $"dagger {request.Plan}: {e.Message}: {Count("tasks")} tasks ({Count("computed")} computed, {Count("skipped")} skipped, {Count("failed")} failed, {Count("cancelled")} cancelled); {Count("solves")} solves, {Count("waves")} waves, {Count("fills")} fills");
        foreach (var output in outputs)
        {
            log.LogMessage(MessageImportance.High, $"dagger {request.Plan}: output {output.Path} = {output.Value}");
        }

        // The failure was already reported by its own event; report it here only when that event never came.
        if (e.Text("result") is not "success" && !reportedError && e.Field("error") is IReadOnlyDictionary<string, object?> error)
        {
            var code = error.TryGetValue("code", out var c) && c is string text ? text : ErrorCodes.ToolFailed;
            var message = error.TryGetValue("message", out var m) && m is string words ? words : e.Message;
            Diagnostic(EventLevel.Error, code, SourceSpan.From(error.TryGetValue("span", out var span) ? span : null), message);
        }

        binlog.Record(e);
    }

    private string Describe(DaggerEvent e)
    {
        var message = new StringBuilder(e.Message);
        var waiting = e.Strings("waitingFor");
        if (waiting.Count > 0)
        {
            message.Append(" (waiting for ").Append(string.Join(", ", waiting)).Append(')');
        }

        foreach (var line in e.Strings("logTail"))
        {
            message.Append('\n').Append("  | ").Append(line);
        }

        foreach (var place in e.Related)
        {
            message.Append('\n').Append("  see also ").Append(place.Describe(planDirectory));
        }

        return message.ToString();
    }

    private void Diagnostic(EventLevel level, string code, SourceSpan? span, string message)
    {
        if (level == EventLevel.Error)
        {
            reportedError = true;
        }

        if (level < threshold)
        {
            return;
        }

        if (level == EventLevel.Error)
        {
            LogError(code, span, message);
        }
        else
        {
            var (file, line, column, endLine, endColumn) = Place(span);
            log.LogWarning(null, code, null, file, line, column, endLine, endColumn, message);
        }
    }

    private void LogError(string code, SourceSpan? span, string message)
    {
        reportedError = true;
        var (file, line, column, endLine, endColumn) = Place(span);
        log.LogError(null, code, null, file, line, column, endLine, endColumn, message);
    }

    // A problem with no place in the plan's source is shown at the plan's folder, which says which plan it concerns.
    private (string File, int Line, int Column, int EndLine, int EndColumn) Place(SourceSpan? span) =>
        span is null ? (planDirectory, 0, 0, 0, 0) : (span.FullPath(planDirectory), span.Line, span.Column, span.EndLine, span.EndColumn);

    private void Message(EventLevel level, MessageImportance importance, string text)
    {
        if (level >= threshold)
        {
            log.LogMessage(importance, text);
        }
    }

    private void Plain(string line, MessageImportance importance)
    {
        if (line.Trim().Length == 0)
        {
            return;
        }

        tail.Enqueue(line);
        if (tail.Count > TailLength)
        {
            tail.Dequeue();
        }

        log.LogMessage(importance, line);
    }

    private static string TaskName(DaggerEvent e) => e.Task is { Length: > 0 } task ? task : "(root)";
}
