using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace Dagger.Action.Events;

/// <summary>
/// Reads lines of the event stream (schema version 1). Fields and events it does not know are ignored, as
/// events.md asks of a reader; a line that is not a JSON object with <c>v</c> and <c>event</c> is not an event.
/// </summary>
internal static class EventParser
{
    /// <summary>The schema version this action reads.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Reads one line.</summary>
    public static StreamLine Parse(string line)
    {
        if (line.Length == 0 || line[0] != '{')
        {
            return new StreamLine(line, null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("v", out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var version)
                || String(root, "event") is not { } name)
            {
                return new StreamLine(line, null, null);
            }

            return version != SchemaVersion ? new StreamLine(line, null, version) : new StreamLine(line, Read(root, name), null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            // A crash of the runtime can print anything, even text that starts like JSON. ArgumentException: a line
            // holding a lone surrogate, which JsonDocument cannot transcode to UTF-8 (found by the fuzz test).
            return new StreamLine(line, null, null);
        }
    }

    private static DaggerEvent Read(JsonElement e, string name)
    {
        var common = new DaggerEvent
        {
            Name = name,
            Level = String(e, "level") ?? "info",
            Message = String(e, "message") ?? "",
            Time = String(e, "time") is { } time && DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : default,
            Task = String(e, "task"),
            Code = String(e, "code"),
            Span = SpanOf(e, "span"),
            Related = e.TryGetProperty("related", out var related) && related.ValueKind == JsonValueKind.Array
                ? [.. related.EnumerateArray().Select(ReadSpan).OfType<Span>()]
                : [],
        };

        return name switch
        {
            "run.started" => new RunStarted(common)
            {
                Plan = String(e, "plan") ?? "",
                Engine = String(e, "engine") ?? "",
                ToolVersion = String(e, "version") ?? "",
            },
            "task.started" => new TaskStarted(common),
            "op.completed" => new OpCompleted(common)
            {
                OpIndex = Int(e, "opIndex") ?? 0,
                Description = String(e, "description") ?? "",
                Cached = Bool(e, "cached"),
                Duration = Number(e, "duration") ?? 0,
            },
            "task.log" => new TaskLog(common) { OpIndex = Int(e, "opIndex") ?? 0, Stream = String(e, "stream") ?? "stdout" },
            "task.completed" => new TaskCompleted(common)
            {
                Duration = Number(e, "duration") ?? 0,
                Exports = Strings(e, "exports"),
                Cached = Bool(e, "cached"),
            },
            "task.skipped" => new TaskSkipped(common) { WaitingFor = Strings(e, "waitingFor") },
            "task.failed" => new TaskFailed(common) { Op = String(e, "op"), ExitCode = Int(e, "exitCode"), LogTail = Strings(e, "logTail") },
            "task.cancelled" => new TaskCancelled(common),
            "run.completed" => new RunCompleted(common)
            {
                Result = String(e, "result") ?? "failure",
                ExitCode = Int(e, "exitCode") ?? 0,
                Duration = Number(e, "duration") ?? 0,
                Counts = CountsOf(e),
                Outputs = OutputsOf(e),
                Tasks = TasksOf(e),
                Error = ErrorOf(e),
            },
            _ => common,
        };
    }

    private static ImmutableDictionary<string, long> CountsOf(JsonElement e)
    {
        if (!e.TryGetProperty("counts", out var counts) || counts.ValueKind != JsonValueKind.Object)
        {
            return ImmutableDictionary<string, long>.Empty;
        }

        return counts.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt64(out _))
            .ToImmutableDictionary(p => p.Name, p => p.Value.GetInt64());
    }

    private static ImmutableArray<PlanOutput> OutputsOf(JsonElement e) =>
        Objects(e, "outputs")
            .Where(o => String(o, "path") is not null)
            .Select(o => new PlanOutput(
                String(o, "path")!,
                o.TryGetProperty("value", out var value) ? value.Clone() : default,
                String(o, "cue") ?? "",
                String(o, "description")))
            .ToImmutableArray();

    private static ImmutableArray<TaskSummary> TasksOf(JsonElement e) =>
        Objects(e, "tasks")
            .Where(t => String(t, "path") is not null)
            .Select(t => new TaskSummary(String(t, "path")!, String(t, "status") ?? "", Number(t, "duration"), SpanOf(t, "span"), Strings(t, "waitingFor")))
            .ToImmutableArray();

    private static RunError? ErrorOf(JsonElement e) =>
        e.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
            ? new RunError(String(error, "code") ?? "", String(error, "message") ?? "", String(error, "task"), SpanOf(error, "span"))
            : null;

    private static IEnumerable<JsonElement> Objects(JsonElement e, string name) =>
        e.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Object)
            : [];

    private static Span? SpanOf(JsonElement e, string name) => e.TryGetProperty(name, out var span) ? ReadSpan(span) : null;

    private static Span? ReadSpan(JsonElement span)
    {
        if (span.ValueKind != JsonValueKind.Object || String(span, "file") is not { Length: > 0 } file || Int(span, "line") is not { } line)
        {
            return null;
        }

        var column = Int(span, "column") ?? 1;
        return new Span(file, line, column, Int(span, "endLine") ?? line, Int(span, "endColumn") ?? column);
    }

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i) ? i : null;

    private static double? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static bool Bool(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static ImmutableArray<string> Strings(JsonElement e, string name) =>
        e.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? [.. array.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)]
            : [];
}
