using System.Text;
using Dagger.Runtime.Engine.Events;

namespace Dagger.Tool.Rendering;

/// <summary>
/// The live view for a terminal: one group per task, redrawn in place. Running tasks are shown at the bottom (the
/// live region) with the time they have run and their last lines; a task that ends is printed once above it, for
/// good: one line when it completed, all of its lines and its error when it failed. Warnings, errors and the summary
/// read as in the plain log.
/// </summary>
/// <remarks>
/// The live region is redrawn by moving the cursor back up over it and clearing to the end of the screen: on each
/// event, at most every <see cref="Interval"/>, and on a timer in between so that the times keep counting.
/// </remarks>
internal sealed class TtyRenderer : IEventRenderer
{
    /// <summary>The shortest time between two redraws.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly Lock gate = new();
    private readonly TextWriter output;
    private readonly Terminal terminal;
    private readonly TimeProvider clock;
    private readonly Ansi ansi;
    private readonly ITimer timer;
    private readonly Dictionary<string, TaskGroup> groups = new(StringComparer.Ordinal);
    private readonly List<TaskGroup> running = [];
    private readonly List<string> pending = [];
    private int live;
    private DateTimeOffset drawn = DateTimeOffset.MinValue;
    private bool changed;
    private bool disposed;

    /// <summary>Draws on <paramref name="output"/>, the stream of <paramref name="terminal"/>.</summary>
    /// <param name="output">Where to write: stderr.</param>
    /// <param name="terminal">Its width, height and whether to color.</param>
    /// <param name="clock">The time, for elapsed times and the timer (tests move it by hand).</param>
    public TtyRenderer(TextWriter output, Terminal terminal, TimeProvider clock)
    {
        this.output = output;
        this.terminal = terminal;
        this.clock = clock;
        ansi = new Ansi(terminal.Color);
        timer = clock.CreateTimer(_ => Tick(), null, Interval, Interval);
    }

    /// <inheritdoc />
    public void Render(RunEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            Apply(e);
            changed = true;

            // The last event is drawn at once: what the command prints next (the outputs) goes below it.
            if (e is RunCompleted || clock.GetUtcNow() - drawn >= Interval)
            {
                Draw();
            }
        }
    }

    /// <summary>Stops the timer, and draws what is left to draw.</summary>
    public void Dispose()
    {
        timer.Dispose();
        lock (gate)
        {
            if (!disposed)
            {
                Draw();
                disposed = true;
            }
        }
    }

    private void Tick()
    {
        lock (gate)
        {
            // Every tick while a task runs: its time goes on.
            if (!disposed && (changed || running.Count > 0))
            {
                Draw();
            }
        }
    }

    private void Apply(RunEvent e)
    {
        switch (e)
        {
            case TaskStarted s:
                Start(s.Path, s.Time);
                break;
            case OpStarted s:
                Group(s.Op.Task, s.Time).Op = TerminalText.Sanitize(s.Description);
                break;
            case OpCompleted c:
                Group(c.Op.Task, c.Time).Op = null;
                break;
            case TaskLog l:
                Group(l.Op.Task, l.Time).Add(TerminalText.Sanitize(l.Line));
                break;
            case TaskCompleted c:
                Finish(c, c.Cached ? GroupState.Cached : GroupState.Completed, c.Duration);
                break;
            case TaskSkipped s:
                Finish(s, GroupState.Skipped, null);
                break;
            case TaskFailed f:
                Finish(f, GroupState.Failed, f.Duration);
                break;
            case TaskCancelled c:
                Finish(c, GroupState.Cancelled, c.Duration);
                break;
            default:
                if (PlainRenderer.Line(e) is { } line)
                {
                    pending.Add(ansi.Paint(line, e.Level switch
                    {
                        EventLevel.Error => Ansi.Red,
                        EventLevel.Warn => Ansi.Yellow,
                        _ => Ansi.Dim,
                    }));
                }

                break;
        }
    }

    private TaskGroup Start(string path, DateTimeOffset time)
    {
        var group = new TaskGroup(path, time);
        groups[path] = group;
        running.Add(group);
        return group;
    }

    // Output of a task that was not seen to start still gets a group of its own.
    private TaskGroup Group(string path, DateTimeOffset time) =>
        groups.TryGetValue(path, out var group) && group.State == GroupState.Running ? group : Start(path, time);

    private void Finish(RunEvent e, GroupState state, TimeSpan? duration)
    {
        var group = groups.TryGetValue(e.Task!, out var known) ? known : new TaskGroup(e.Task!, e.Time);
        group.State = state;
        group.Duration = duration;
        group.Op = null;
        if (state is GroupState.Skipped or GroupState.Failed && PlainRenderer.Line(e) is { } problem)
        {
            group.Problems.Add(problem);
        }

        running.Remove(group);
        pending.AddRange(GroupView.Finished(group, ansi));
    }

    // One write a frame, so that the terminal never shows half of one.
    private void Draw()
    {
        var now = clock.GetUtcNow();
        var lines = GroupView.Live(running, now, terminal.Width(), terminal.Height(), ansi);
        var frame = new StringBuilder();
        if (live > 0)
        {
            frame.Append(Ansi.Up(live)).Append(Ansi.ClearToEnd);
        }

        foreach (var line in pending.Concat(lines))
        {
            frame.Append(line).Append('\n');
        }

        pending.Clear();
        live = lines.Count;
        drawn = now;
        changed = false;
        if (frame.Length > 0)
        {
            output.Write(frame.ToString());
            output.Flush();
        }
    }
}
