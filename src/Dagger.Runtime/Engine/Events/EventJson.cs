using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dagger.Runtime.Cue;
using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Ops;
using Dagger.Runtime.Engine.Runs;

namespace Dagger.Runtime.Engine.Events;

/// <summary>
/// Writes events as the JSON event stream, schema version <see cref="SchemaVersion"/>: one object a line, as
/// <c>docs/events.md</c> documents and <c>docs/events.schema.json</c> validates.
/// </summary>
public static class EventJson
{
    /// <summary>The schema version every event carries as <c>v</c>.</summary>
    public const int SchemaVersion = 1;

    // Lines are read by people and log tools, never embedded in HTML: '+', '<' and non-ASCII letters stay as they are.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The event as one line of JSON, without a line ending.</summary>
    public static string Serialize(RunEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteNumber("v", SchemaVersion);
            json.WriteString("time", e.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("level", Level(e.Level));
            json.WriteString("event", e.Name);
            json.WriteString("message", e.Message);
            if (e.Task is { } task)
            {
                json.WriteString("task", task);
            }

            WriteFields(json, e);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The name of a level in the stream.</summary>
    public static string Level(EventLevel level) => level switch
    {
        EventLevel.Debug => "debug",
        EventLevel.Info => "info",
        EventLevel.Warn => "warn",
        _ => "error",
    };

    private static void WriteFields(Utf8JsonWriter json, RunEvent e)
    {
        switch (e)
        {
            case RunStarted s:
                json.WriteString("plan", s.Plan);
                json.WriteString("engine", s.Engine);
                json.WriteString("platform", s.Platform);
                json.WriteString("version", s.Version);
                json.WriteString("command", s.Command);
                json.WriteString("environment", s.Environment);
                break;
            case TaskStarted s:
                WriteSpan(json, "span", s.Span);
                break;
            case OpStarted s:
                WriteOp(json, s.Op);
                json.WriteString("description", s.Description);
                break;
            case OpCompleted c:
                WriteOp(json, c.Op);
                json.WriteString("description", c.Description);
                json.WriteBoolean("cached", c.Cached);
                WriteSeconds(json, "duration", c.Duration);
                break;
            case TaskLog l:
                WriteOp(json, l.Op);
                json.WriteString("stream", l.Channel == OutputChannel.Stderr ? "stderr" : "stdout");
                break;
            case TaskCompleted c:
                WriteSeconds(json, "duration", c.Duration);
                WriteStrings(json, "exports", c.Exports);
                json.WriteStartObject("values");
                foreach (var (exported, value) in c.Values)
                {
                    json.WritePropertyName(exported);
                    json.WriteRawValue(value, skipInputValidation: false);
                }

                json.WriteEndObject();
                json.WriteBoolean("cached", c.Cached);
                break;
            case TaskSkipped s:
                json.WriteString("code", TaskSkipped.Code.Id);
                WriteSpan(json, "span", s.Span);
                WriteStrings(json, "waitingFor", s.WaitingFor);
                break;
            case TaskFailed f:
                WriteError(json, f.Error);
                if (f.Op is { } op)
                {
                    WriteOp(json, op);
                }

                if (f.CommandExitCode is { } exit)
                {
                    json.WriteNumber("exitCode", exit);
                }

                WriteSecondsOrNull(json, "duration", f.Duration);
                WriteStrings(json, "logTail", f.LogTail);
                break;
            case TaskCancelled c:
                json.WriteString("code", TaskCancelled.Code.Id);
                WriteSpan(json, "span", c.Span);
                WriteSeconds(json, "duration", c.Duration);
                break;
            case Diagnostic d:
                WriteError(json, d.Error);
                if (d.Error.Path is { } path)
                {
                    json.WriteString("path", path);
                }

                break;
            case SolveCompleted s:
                json.WriteNumber("index", s.Index);
                json.WriteNumber("reads", s.Reads);
                json.WriteNumber("effects", s.Effects);
                WriteStrings(json, "tasks", s.Tasks);
                WriteSeconds(json, "duration", s.Duration);
                break;
            case RunCompleted r:
                WriteOutcome(json, r.Outcome);
                break;
        }
    }

    private static void WriteOutcome(Utf8JsonWriter json, RunOutcome outcome)
    {
        json.WriteString("result", outcome.Result switch
        {
            RunResult.Success => "success",
            RunResult.Cancelled => "cancelled",
            _ => "failure",
        });
        json.WriteNumber("exitCode", outcome.ExitCode);
        WriteSeconds(json, "duration", outcome.Duration);
        var c = outcome.Counts;
        json.WriteStartObject("counts");
        json.WriteNumber("tasks", c.Tasks);
        json.WriteNumber("computed", c.Computed);
        json.WriteNumber("skipped", c.Skipped);
        json.WriteNumber("failed", c.Failed);
        json.WriteNumber("cancelled", c.Cancelled);
        json.WriteNumber("solves", c.Solves);
        json.WriteNumber("waves", c.Waves);
        json.WriteNumber("fills", c.Fills);
        json.WriteEndObject();
        var p = outcome.Phases;
        json.WriteStartObject("phases");
        WriteSeconds(json, "load", p.Load);
        WriteSeconds(json, "connect", p.Connect);
        WriteSeconds(json, "session", p.Session);
        WriteSeconds(json, "tasks", p.Tasks);
        WriteSeconds(json, "finish", p.Finish);
        json.WriteEndObject();
        json.WriteStartArray("outputs");
        foreach (var output in outcome.Outputs)
        {
            json.WriteStartObject();
            json.WriteString("path", output.Path);
            json.WritePropertyName("value");
            if (output.Json is { } value)
            {
                json.WriteRawValue(value, skipInputValidation: false);
            }
            else
            {
                json.WriteNullValue();
            }

            json.WriteString("cue", output.Cue);
            json.WriteString("description", output.Description);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("tasks");
        foreach (var task in outcome.Tasks)
        {
            json.WriteStartObject();
            json.WriteString("path", task.Path);
            json.WriteString("status", task.Status switch
            {
                TaskState.Computed => "computed",
                TaskState.Skipped => "skipped",
                TaskState.Failed => "failed",
                _ => "cancelled",
            });
            WriteSecondsOrNull(json, "duration", task.Duration);
            WriteSpan(json, "span", task.Span);
            if (task.Status == TaskState.Skipped)
            {
                WriteStrings(json, "waitingFor", task.WaitingFor);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (outcome.Error is { } error)
        {
            json.WriteStartObject("error");
            json.WriteString("code", error.Code.Id);
            json.WriteString("message", error.Message);
            if (error.Task is { } task)
            {
                json.WriteString("task", task);
            }

            WriteSpan(json, "span", error.Span);
            json.WriteEndObject();
        }
    }

    private static void WriteError(Utf8JsonWriter json, DaggerError error)
    {
        json.WriteString("code", error.Code.Id);
        WriteSpan(json, "span", error.Span);
        if (error.Related.Count > 0)
        {
            json.WriteStartArray("related");
            foreach (var span in error.Related)
            {
                WriteSpanObject(json, span);
            }

            json.WriteEndArray();
        }
    }

    private static void WriteOp(Utf8JsonWriter json, OpSource op)
    {
        json.WriteString("op", op.Path);
        json.WriteNumber("opIndex", Math.Max(op.Index, 0));
    }

    private static void WriteSpan(Utf8JsonWriter json, string name, SourceSpan? span)
    {
        if (span is { } s)
        {
            json.WritePropertyName(name);
            WriteSpanObject(json, s);
        }
    }

    private static void WriteSpanObject(Utf8JsonWriter json, SourceSpan span)
    {
        json.WriteStartObject();
        json.WriteString("file", span.File);
        json.WriteNumber("line", span.Line);
        json.WriteNumber("column", span.Column);
        json.WriteNumber("endLine", span.EndLine);
        json.WriteNumber("endColumn", span.EndColumn);
        json.WriteEndObject();
    }

    private static void WriteSeconds(Utf8JsonWriter json, string name, TimeSpan duration) =>
        json.WriteNumber(name, Math.Round(duration.TotalSeconds, 3));

    private static void WriteSecondsOrNull(Utf8JsonWriter json, string name, TimeSpan? duration)
    {
        if (duration is { } d)
        {
            WriteSeconds(json, name, d);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
