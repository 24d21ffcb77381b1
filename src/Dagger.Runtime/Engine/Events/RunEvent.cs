namespace Dagger.Runtime.Engine.Events;

/// <summary>
/// Something that happened during a run. The engine reports these and never prints; front ends render them (as text,
/// or as the JSON event stream documented in <c>docs/events.md</c>). Secrets are hidden before a front end sees one.
/// </summary>
public abstract record RunEvent
{
    /// <summary>When it happened.</summary>
    public DateTimeOffset Time { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The event's name in the event stream (<c>task.started</c>).</summary>
    public abstract string Name { get; }

    /// <summary>How much it matters.</summary>
    public abstract EventLevel Level { get; }

    /// <summary>A line for people.</summary>
    public abstract string Message { get; }

    /// <summary>The CUE path of the task it concerns, if any.</summary>
    public virtual string? Task => null;

    /// <summary>The same event with every secret hidden in its text.</summary>
    public abstract RunEvent Redact(SecretRedactor redactor);
}
