namespace Dagger.Action.Events;

/// <summary><c>task.cancelled</c>: a started task was stopped.</summary>
internal sealed record TaskCancelled : DaggerEvent
{
    /// <summary>The event, from the fields every event has.</summary>
    public TaskCancelled(DaggerEvent common)
        : base(common)
    {
    }
}
