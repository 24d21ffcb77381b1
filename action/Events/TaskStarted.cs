namespace Dagger.Action.Events;

/// <summary><c>task.started</c>: a task's pipeline was sent to the engine.</summary>
internal sealed record TaskStarted : DaggerEvent
{
    /// <summary>The event, from the fields every event has.</summary>
    public TaskStarted(DaggerEvent common)
        : base(common)
    {
    }
}
