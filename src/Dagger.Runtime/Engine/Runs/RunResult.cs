namespace Dagger.Runtime.Engine.Runs;

/// <summary>How a run ended.</summary>
public enum RunResult
{
    /// <summary>Every task that could run ran.</summary>
    Success,

    /// <summary>The plan, an input, the engine or a task failed.</summary>
    Failure,

    /// <summary>The run was cancelled.</summary>
    Cancelled,
}
