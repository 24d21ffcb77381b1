using System.Text;
using Dagger.Runtime.BuildKit;
using Dagger.Runtime.Engine.Compilation;
using Dagger.Runtime.Engine.Events;

namespace Dagger.Tool;

/// <summary>Writes engine events as plain log lines: task progress, and each container output line under its op.</summary>
internal sealed class EventRenderer(TextWriter output, Redactor? redactor = null)
{
    private readonly object gate = new();
    private readonly Redactor redactor = redactor ?? new Redactor([]);

    public void Render(EngineEvent e)
    {
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
            lock (gate)
            {
                output.WriteLine(redactor.Redact(line));
            }
        }
    }

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
