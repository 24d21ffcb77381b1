using System.Globalization;
using System.Text;
using System.Text.Json;
using Dagger.Runtime.BuildKit;
using Dagger.Runtime.Engine.Compilation;
using Dagger.Runtime.Engine.Events;

namespace Dagger.Tool;

/// <summary>
/// Writes engine events as log lines on stderr: task progress, warnings for skipped tasks, and each container output
/// line under its op. Plain text for people, or one JSON object a line for machines; secrets are redacted in both.
/// </summary>
internal sealed class EventRenderer(TextWriter output, SecretRedactor? redactor = null, bool json = false)
{
    // Log lines are read by people and by log tools, never embedded in HTML: no \u002B for the '+' of a time zone.
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly object gate = new();
    private readonly SecretRedactor redactor = redactor ?? SecretRedactor.None;

    public void Render(EngineEvent e)
    {
        if (json)
        {
            if (Json(e) is { } fields)
            {
                Write(JsonSerializer.Serialize(fields, JsonOptions));
            }

            return;
        }

        var line = e switch
        {
            TaskStarted s => $"[{Task(s.Path)}] computing",
            TaskCompleted c => $"[{Task(c.Path)}] completed in {c.Duration.TotalSeconds:0.0}s",
            TaskSkipped s => $"WARN [{Task(s.Path)}] pipeline was partially executed because of missing inputs: "
                + (s.Missing.Count == 0 ? "(unknown)" : string.Join(", ", s.Missing)),
            BuildProgress { Event: VertexLogEvent log } => LogLine(log),
            BuildProgress { Event: VertexFailedEvent failed } => $"[{Origin(failed.Vertex)}] ERROR {failed.Error}",
            _ => null,
        };
        if (line is not null)
        {
            Write(line);
        }
    }

    /// <summary>The end of a run, with what it cost.</summary>
    public void Completed(Dagger.Runtime.Engine.Scheduling.RunReport report, TimeSpan duration)
    {
        if (json)
        {
            var fields = new Dictionary<string, object?>
            {
                ["time"] = Now(),
                ["level"] = "info",
                ["event"] = "run.completed",
                ["computed"] = report.Computed.Count,
                ["skipped"] = report.Skipped.Count,
                ["solves"] = report.Solves,
                ["waves"] = report.Waves,
                ["fills"] = report.Fills,
                ["duration"] = Math.Round(duration.TotalSeconds, 3),
            };
            Write(JsonSerializer.Serialize(fields, JsonOptions));
            return;
        }

        Write(string.Create(
            CultureInfo.InvariantCulture,
            $"dagger: {report.Computed.Count} computed, {report.Skipped.Count} skipped; {report.Solves} solves, {report.Waves} waves, {report.Fills} fills in {duration.TotalSeconds:0.00}s"));
    }

    private void Write(string line)
    {
        lock (gate)
        {
            output.WriteLine(redactor.Redact(line));
        }
    }

    private static Dictionary<string, object?>? Json(EngineEvent e)
    {
        static Dictionary<string, object?> Entry(string level, string name, string task, string message) => new()
        {
            ["time"] = Now(),
            ["level"] = level,
            ["event"] = name,
            ["task"] = task,
            ["message"] = message,
        };

        switch (e)
        {
            case TaskStarted s:
                return Entry("info", "task.started", s.Path, "computing");
            case TaskCompleted c:
                var done = Entry("info", "task.completed", c.Path, "completed");
                done["duration"] = Math.Round(c.Duration.TotalSeconds, 3);
                return done;
            case TaskSkipped s:
                var skipped = Entry("warn", "task.skipped", s.Path, "pipeline was partially executed because of missing inputs");
                skipped["missing"] = s.Missing;
                return skipped;
            case BuildProgress { Event: VertexLogEvent log }:
                var text = Encoding.UTF8.GetString(log.Data.Span).TrimEnd('\n');
                if (text.Length == 0)
                {
                    return null;
                }

                var entry = Entry("info", "log", Origin(log.Vertex), text);
                entry["stream"] = log.Channel.ToString().ToLowerInvariant();
                return entry;
            case BuildProgress { Event: VertexFailedEvent failed }:
                var error = Entry("error", "op.failed", Origin(failed.Vertex), failed.Error);
                error["exitCode"] = failed.ExitCode;
                return error;
            default:
                return null;
        }
    }

    private static string Now() => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);

    private static string? LogLine(VertexLogEvent log)
    {
        var text = Encoding.UTF8.GetString(log.Data.Span).TrimEnd('\n');
        if (text.Length == 0)
        {
            return null;
        }

        var origin = Origin(log.Vertex);
        return string.Join('\n', text.Split('\n').Select(l => $"[{origin}] {l}"));
    }

    private static string Origin(BuildVertex vertex) =>
        VertexName.TryParse(vertex.DisplayName, out var path, out _) ? path : vertex.DisplayName;

    private static string Task(string path) => path.Length == 0 ? "(root)" : path;
}
