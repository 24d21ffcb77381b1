using System.Globalization;
using Dagger.Action.Events;

namespace Dagger.Action.Logging;

/// <summary>
/// Relays the tool's stream to the step's log: one group per task, written when the task ends, with the ops it ran
/// and every line they printed; progress lines and the tool's messages between groups. Everything that comes from
/// the tool or the plan is written as text, with commands stopped.
/// </summary>
internal sealed class LogRelay(LogWriter log, string spillFolder) : IDisposable
{
    private readonly Dictionary<string, TaskLogBuffer> buffers = new(StringComparer.Ordinal);

    /// <summary>Relays one line of the tool's stderr.</summary>
    public void Relay(StreamLine line)
    {
        switch (line.Event)
        {
            case null:
                log.Text(line.Text);
                break;
            case TaskStarted started:
                log.Text($"▶ {Name(started.Task)}: {started.Message}");
                break;
            case TaskLog entry:
                Buffer(entry.Task).Add(entry.Message);
                break;
            case OpCompleted op:
                Buffer(op.Task).Add(string.Create(CultureInfo.InvariantCulture, $"── #{op.OpIndex} {op.Description} ({(op.Cached ? "cached" : $"{op.Duration:0.0}s")})"));
                break;
            case TaskCompleted done:
                Flush(done.Task, string.Create(CultureInfo.InvariantCulture, $"✅ {Name(done.Task)} ({(done.Cached ? "cached, " : "")}{done.Duration:0.0}s)"), done.Message);
                break;
            case TaskFailed failed:
                Flush(failed.Task, $"❌ {Name(failed.Task)} (failed)", Problem(failed));
                break;
            case TaskSkipped skipped:
                Flush(skipped.Task, $"⏭️ {Name(skipped.Task)} (skipped)", Problem(skipped));
                break;
            case TaskCancelled cancelled:
                Flush(cancelled.Task, $"🚫 {Name(cancelled.Task)} (cancelled)", Problem(cancelled));
                break;
            case RunCompleted done:
                FlushAll();
                log.Text(done.Message);
                break;
            case { Level: "debug" }:
                break;
            default:
                log.Text(line.Event.IsProblem ? Problem(line.Event) : line.Event.Message);
                break;
        }
    }

    /// <summary>Writes the lines of tasks that never ended (the tool crashed or was stopped).</summary>
    public void FlushAll()
    {
        foreach (var task in buffers.Keys.ToArray())
        {
            Flush(task, $"⏹ {Name(task)} (did not finish)", null);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var buffer in buffers.Values)
        {
            buffer.Dispose();
        }

        buffers.Clear();
    }

    private TaskLogBuffer Buffer(string? task)
    {
        var key = task ?? "";
        if (!buffers.TryGetValue(key, out var buffer))
        {
            buffer = new TaskLogBuffer(spillFolder);
            buffers[key] = buffer;
        }

        return buffer;
    }

    private void Flush(string? task, string title, string? last)
    {
        log.Group(title);
        if (buffers.Remove(task ?? "", out var buffer))
        {
            using (buffer)
            {
                foreach (var line in buffer.Drain())
                {
                    log.Text(line);
                }
            }
        }

        if (!string.IsNullOrEmpty(last))
        {
            log.Text(last);
        }

        log.EndGroup();
    }

    private static string Problem(DaggerEvent e) =>
        e.Span is { } span ? $"{span}: {e.Level} {e.Code}: {e.Message}" : $"{e.Level} {e.Code}: {e.Message}";

    private static string Name(string? task) => string.IsNullOrEmpty(task) ? "(root)" : task;
}
