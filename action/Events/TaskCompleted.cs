using System.Collections.Immutable;

namespace Dagger.Action.Events;

/// <summary><c>task.completed</c>: a task finished.</summary>
internal sealed record TaskCompleted : DaggerEvent
{
    /// <summary>The event, from the fields every event has.</summary>
    public TaskCompleted(DaggerEvent common)
        : base(common)
    {
    }

    /// <summary>Seconds it took.</summary>
    public double Duration { get; init; }

    /// <summary>The CUE paths whose values it computed.</summary>
    public ImmutableArray<string> Exports { get; init; } = [];

    /// <summary>Whether every op came from the cache.</summary>
    public bool Cached { get; init; }
}
