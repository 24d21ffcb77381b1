using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dagger.Action.UnitTests.Fakes;

/// <summary>
/// Writes canned event streams of schema version 1 (docs/events.md), as the tool writes them on stderr; the
/// closing <c>run.completed</c> is made from what came before, so a stream always adds up.
/// </summary>
internal sealed class EventStream
{
    private readonly List<string> lines = [];
    private readonly List<(string Path, string Status, double? Duration, JsonObject? Span)> tasks = [];
    private readonly List<JsonObject> outputs = [];
    private DateTimeOffset time = new(2026, 12, 5, 9, 16, 5, TimeSpan.Zero);
    private (string Code, string Message, string? Task, JsonObject? Span)? error;

    /// <summary>The lines written so far.</summary>
    public IReadOnlyList<string> Lines => lines;

    /// <summary>A span.</summary>
    public static JsonObject Span(string file, int line, int column = 3, int? endLine = null, int? endColumn = null) => new()
    {
        ["file"] = file,
        ["line"] = line,
        ["column"] = column,
        ["endLine"] = endLine ?? line,
        ["endColumn"] = endColumn ?? column + 1,
    };

    /// <summary><c>run.started</c>.</summary>
    public EventStream RunStarted(string plan) =>
        Add("info", "run.started", $"running {plan}", null, new() { ["plan"] = plan, ["engine"] = "docker+unix:///var/run/docker.sock", ["platform"] = null, ["version"] = "0.1.0", ["command"] = "up", ["environment"] = null });

    /// <summary><c>task.started</c>.</summary>
    public EventStream TaskStarted(string task, JsonObject? span = null) =>
        Add("info", "task.started", "computing", task, span is null ? [] : new() { ["span"] = span });

    /// <summary><c>task.log</c> lines of one op.</summary>
    public EventStream Log(string task, params string[] messages)
    {
        foreach (var message in messages)
        {
            Add("info", "task.log", message, task, new() { ["op"] = task + ".#up[1]", ["opIndex"] = 1, ["stream"] = "stdout" });
        }

        return this;
    }

    /// <summary><c>op.completed</c>.</summary>
    public EventStream OpCompleted(string task, int index, string description, bool cached = false) =>
        Add("debug", "op.completed", description, task, new() { ["op"] = $"{task}.#up[{index}]", ["opIndex"] = index, ["description"] = description, ["cached"] = cached, ["duration"] = 0.25 });

    /// <summary><c>task.completed</c>.</summary>
    public EventStream TaskCompleted(string task, double duration = 1.5, params string[] exports)
    {
        tasks.Add((task, "computed", duration, null));
        return Add("info", "task.completed", $"completed in {duration.ToString("0.0", CultureInfo.InvariantCulture)}s", task, new()
        {
            ["duration"] = duration,
            ["exports"] = new JsonArray([.. exports.Select(e => JsonValue.Create(e))]),
            ["values"] = new JsonObject(exports.Select(e => KeyValuePair.Create(e, (JsonNode?)JsonValue.Create("value of " + e)))),
            ["cached"] = false,
        });
    }

    /// <summary><c>task.failed</c> of an exec.</summary>
    public EventStream TaskFailed(string task, JsonObject span, string code = "DAG4001", int exitCode = 1, params string[] logTail)
    {
        var message = $"{task}.#up[1]: exec sh -c 'go test': exited with code {exitCode}";
        tasks.Add((task, "failed", 0.5, span));
        error ??= (code, message, task, span.DeepClone().AsObject());
        return Add("error", "task.failed", message, task, new()
        {
            ["code"] = code,
            ["span"] = span,
            ["op"] = task + ".#up[1]",
            ["opIndex"] = 1,
            ["exitCode"] = exitCode,
            ["duration"] = 0.5,
            ["logTail"] = new JsonArray([.. logTail.Select(l => JsonValue.Create(l))]),
        });
    }

    /// <summary><c>task.skipped</c>.</summary>
    public EventStream TaskSkipped(string task, JsonObject span, params string[] waitingFor)
    {
        tasks.Add((task, "skipped", null, span));
        return Add("warn", "task.skipped", "pipeline was partially executed because of missing inputs: " + string.Join(", ", waitingFor), task, new()
        {
            ["code"] = "DAG2003",
            ["span"] = span,
            ["waitingFor"] = new JsonArray([.. waitingFor.Select(w => JsonValue.Create(w))]),
        });
    }

    /// <summary><c>task.cancelled</c>.</summary>
    public EventStream TaskCancelled(string task)
    {
        tasks.Add((task, "cancelled", null, null));
        return Add("warn", "task.cancelled", "cancelled", task, new() { ["code"] = "DAG4004", ["duration"] = 0.25 });
    }

    /// <summary>A <c>diagnostic</c> (a warning or an error of no task).</summary>
    public EventStream Diagnostic(string level, string code, string message, JsonObject? span = null)
    {
        if (level == "error")
        {
            error ??= (code, message, null, span?.DeepClone().AsObject());
        }

        return Add(level, "diagnostic", message, null, span is null ? new() { ["code"] = code } : new() { ["code"] = code, ["span"] = span });
    }

    /// <summary>An output of the plan, reported by <c>run.completed</c>.</summary>
    public EventStream Output(string path, JsonNode? value, string? description = null)
    {
        outputs.Add(new JsonObject { ["path"] = path, ["value"] = value, ["cue"] = value?.ToJsonString() ?? "string", ["description"] = description });
        return this;
    }

    /// <summary>A raw line, such as a crash's output.</summary>
    public EventStream Raw(string line)
    {
        lines.Add(line);
        return this;
    }

    /// <summary><c>run.completed</c>, from the events before it.</summary>
    public EventStream RunCompleted(string? result = null, int? exitCode = null)
    {
        var outcome = result ?? (error is null ? "success" : "failure");
        var code = exitCode ?? (outcome switch { "success" => 0, "cancelled" => 130, _ => 1 });
        var counts = new JsonObject
        {
            ["tasks"] = tasks.Count,
            ["computed"] = tasks.Count(t => t.Status == "computed"),
            ["skipped"] = tasks.Count(t => t.Status == "skipped"),
            ["failed"] = tasks.Count(t => t.Status == "failed"),
            ["cancelled"] = tasks.Count(t => t.Status == "cancelled"),
            ["solves"] = 2,
            ["waves"] = 1,
            ["fills"] = 3,
        };
        var fields = new JsonObject
        {
            ["result"] = outcome,
            ["exitCode"] = code,
            ["duration"] = 4.25,
            ["counts"] = counts,
            ["outputs"] = new JsonArray([.. outputs.Select(o => o.DeepClone())]),
            ["tasks"] = new JsonArray([.. tasks.Select(t => (JsonNode)new JsonObject { ["path"] = t.Path, ["status"] = t.Status, ["duration"] = t.Duration })]),
        };
        if (outcome != "success")
        {
            var (errorCode, message, task, span) = error ?? ("DAG4004", "cancelled", null, null);
            var failure = new JsonObject { ["code"] = errorCode, ["message"] = message };
            if (task is not null)
            {
                failure["task"] = task;
            }

            if (span is not null)
            {
                failure["span"] = span.DeepClone();
            }

            fields["error"] = failure;
        }

        return Add(outcome == "success" ? "info" : "error", "run.completed", outcome == "success" ? "completed in 4.25s" : "failed in 4.25s", null, fields);
    }

    /// <summary>The stream as the tool writes it.</summary>
    public override string ToString() => string.Join('\n', lines) + "\n";

    private EventStream Add(string level, string name, string message, string? task, JsonObject fields)
    {
        time = time.AddMilliseconds(37);
        var e = new JsonObject
        {
            ["v"] = 1,
            ["time"] = time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["level"] = level,
            ["event"] = name,
            ["message"] = message,
        };
        if (task is not null)
        {
            e["task"] = task;
        }

        foreach (var (key, value) in fields)
        {
            e[key] = value?.DeepClone();
        }

        lines.Add(e.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        return this;
    }
}
