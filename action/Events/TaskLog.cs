namespace Dagger.Action.Events;

/// <summary><c>task.log</c>: a line that an op printed (<see cref="DaggerEvent.Message"/>).</summary>
internal sealed record TaskLog : DaggerEvent
{
    /// <summary>The event, from the fields every event has.</summary>
    public TaskLog(DaggerEvent common)
        : base(common)
    {
    }

    /// <summary>The op's index in the task's pipeline.</summary>
    public int OpIndex { get; init; }

    /// <summary><c>stdout</c> or <c>stderr</c>.</summary>
    public string Stream { get; init; } = "stdout";
}
