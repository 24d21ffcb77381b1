namespace Dagger.Tool.Rendering;

/// <summary>One task in the tty view: its state, when it started, what its ops printed.</summary>
/// <param name="path">The task's CUE path.</param>
/// <param name="started">When it started, from the event's time.</param>
internal sealed class TaskGroup(string path, DateTimeOffset started)
{
    /// <summary>
    /// The most lines a group keeps: a failed group shows all of them, and a task that prints without end must not
    /// fill the memory; past this the oldest go.
    /// </summary>
    public const int MaxLines = 10_000;

    private readonly Queue<string> lines = new();

    /// <summary>The task's CUE path.</summary>
    public string Path { get; } = path;

    /// <summary>When it started.</summary>
    public DateTimeOffset Started { get; } = started;

    /// <summary>Where it is.</summary>
    public GroupState State { get; set; } = GroupState.Running;

    /// <summary>How long it ran, once it ended; null for a task that never ran.</summary>
    public TimeSpan? Duration { get; set; }

    /// <summary>What the op that runs now does (<c>exec sh -c make</c>), while one runs.</summary>
    public string? Op { get; set; }

    /// <summary>The lines that say why it ended (an error or a warning, as the plain log writes them).</summary>
    public List<string> Problems { get; } = [];

    /// <summary>Its ops' output lines, oldest first (at most <see cref="MaxLines"/>).</summary>
    public IReadOnlyCollection<string> Lines => lines;

    /// <summary>How many of the oldest lines were dropped to keep <see cref="MaxLines"/>.</summary>
    public int Dropped { get; private set; }

    /// <summary>Keeps a line of output.</summary>
    public void Add(string line)
    {
        if (lines.Count == MaxLines)
        {
            lines.Dequeue();
            Dropped++;
        }

        lines.Enqueue(line);
    }
}
