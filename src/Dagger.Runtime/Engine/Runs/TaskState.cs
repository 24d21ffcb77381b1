namespace Dagger.Runtime.Engine.Runs;

/// <summary>How a task ended.</summary>
public enum TaskState
{
    /// <summary>It ran, and its exported values are in the plan.</summary>
    Computed,

    /// <summary>It did not run: its pipeline waited for values that never came.</summary>
    Skipped,

    /// <summary>It failed.</summary>
    Failed,

    /// <summary>It was running, or still to run, when the run was cancelled or another task failed.</summary>
    Cancelled,
}
