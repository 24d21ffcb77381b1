using System.Text;
using Dagger.Runtime.BuildKit;
using Dagger.Runtime.Engine.Events;
using Dagger.Runtime.Engine.Ops;
using Dagger.Runtime.Engine.Solving;

namespace Dagger.Runtime.Engine.Runs;

/// <summary>
/// Turns the engine's progress (by vertex) into the run's events (by task and op), and remembers what a task's events
/// need later: whether any of its ops really ran, and the last lines each op printed. Thread-safe: the engine reports
/// from its own threads.
/// </summary>
/// <remarks>
/// Lines arrive whole (the engine's chunks are joined by <see cref="BuildSession"/>'s vertex tracker), and each is
/// hidden with <paramref name="redactor"/> before a long line is cut, so that no part of a secret is left at a cut.
/// </remarks>
internal sealed class ProgressTracker(VertexTable vertices, Action<RunEvent> emit, SecretRedactor redactor)
{
    private readonly object gate = new();
    private readonly HashSet<string> ran = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<string>> tails = new(StringComparer.Ordinal);

    /// <summary>Handles one event of the engine.</summary>
    public void OnBuildEvent(BuildEvent e)
    {
        if (vertices.Find(e.Vertex.Digest) is not { } op)
        {
            // BuildKit's own vertices (resolving an image's metadata, loading a Dockerfile) belong to no op.
            return;
        }

        switch (e)
        {
            case VertexStartedEvent:
                emit(new OpStarted(op, e.Vertex.DisplayName) { Time = e.Timestamp });
                break;
            case VertexCompletedEvent completed:
                // A source the engine only looked up (an image's manifest) completes uncached in no time: not work done.
                if (!completed.Cached && completed.Duration is { } took && took > TimeSpan.Zero)
                {
                    lock (gate)
                    {
                        ran.Add(op.Task);
                    }
                }

                emit(new OpCompleted(op, e.Vertex.DisplayName, completed.Cached, completed.Duration ?? TimeSpan.Zero) { Time = e.Timestamp });
                break;
            case VertexLogEvent log:
                Log(op, log);
                break;
        }
    }

    /// <summary>Whether every op of <paramref name="task"/> was answered from the cache so far.</summary>
    public bool AllCached(string task)
    {
        lock (gate)
        {
            return !ran.Contains(task);
        }
    }

    /// <summary>The last lines <paramref name="op"/> printed, oldest first.</summary>
    public IReadOnlyList<string> Tail(OpSource? op)
    {
        lock (gate)
        {
            return op is not null && tails.TryGetValue(op.Path, out var lines) ? [.. lines] : [];
        }
    }

    private void Log(OpSource op, VertexLogEvent log)
    {
        var text = redactor.Redact(Encoding.UTF8.GetString(log.Data.Span).TrimEnd('\n', '\r'));
        if (text.Length == 0)
        {
            return;
        }

        var channel = log.Channel == LogChannel.Stderr ? OutputChannel.Stderr : OutputChannel.Stdout;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length > TaskLog.MaxLine)
            {
                line = string.Concat(line.AsSpan(0, TaskLog.MaxLine - 1), "…");
            }

            lock (gate)
            {
                if (!tails.TryGetValue(op.Path, out var tail))
                {
                    tails[op.Path] = tail = new Queue<string>();
                }

                tail.Enqueue(line);
                if (tail.Count > TaskFailed.MaxTail)
                {
                    tail.Dequeue();
                }
            }

            emit(new TaskLog(op, channel, line) { Time = log.Timestamp });
        }
    }
}
