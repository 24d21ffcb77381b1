namespace Dagger.Action.Runs;

/// <summary>Where a task of the plan stands.</summary>
internal enum TaskOutcome
{
    /// <summary>Started and not finished yet.</summary>
    Running,

    /// <summary>Finished: its values were filled back into the plan.</summary>
    Computed,

    /// <summary>Never ran: its pipeline waited for values that never came.</summary>
    Skipped,

    /// <summary>Failed.</summary>
    Failed,

    /// <summary>Stopped because the run was cancelled or another task failed.</summary>
    Cancelled,
}
