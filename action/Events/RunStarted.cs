namespace Dagger.Action.Events;

/// <summary><c>run.started</c>: the first event of a run.</summary>
internal sealed record RunStarted : DaggerEvent
{
    /// <summary>The event, from the fields every event has.</summary>
    public RunStarted(DaggerEvent common)
        : base(common)
    {
    }

    /// <summary>The plan's folder, absolute: spans are relative to it.</summary>
    public string Plan { get; init; } = "";

    /// <summary>The engine's address.</summary>
    public string Engine { get; init; } = "";

    /// <summary>The tool's version.</summary>
    public string ToolVersion { get; init; } = "";
}
