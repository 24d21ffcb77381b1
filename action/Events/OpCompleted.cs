namespace Dagger.Action.Events;

/// <summary><c>op.completed</c>: an op of a task finished on the engine.</summary>
internal sealed record OpCompleted : DaggerEvent
{
    /// <summary>The event, from the fields every event has.</summary>
    public OpCompleted(DaggerEvent common)
        : base(common)
    {
    }

    /// <summary>The op's index in the task's pipeline, from 0.</summary>
    public int OpIndex { get; init; }

    /// <summary>What the op does, as in the logs (<c>exec sh -c make</c>).</summary>
    public string Description { get; init; } = "";

    /// <summary>Whether the engine answered it from its cache.</summary>
    public bool Cached { get; init; }

    /// <summary>Seconds it took.</summary>
    public double Duration { get; init; }
}
