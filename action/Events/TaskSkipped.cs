using System.Collections.Immutable;

namespace Dagger.Action.Events;

/// <summary><c>task.skipped</c>: a task's pipeline never became concrete.</summary>
internal sealed record TaskSkipped : DaggerEvent
{
    /// <summary>The event, from the fields every event has.</summary>
    public TaskSkipped(DaggerEvent common)
        : base(common)
    {
    }

    /// <summary>The CUE paths that stayed unknown.</summary>
    public ImmutableArray<string> WaitingFor { get; init; } = [];
}
