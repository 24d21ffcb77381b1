namespace Dagger.Tool.Rendering;

/// <summary>Where a task of the tty view is: running, or how it ended.</summary>
internal enum GroupState
{
    /// <summary>Started and not ended: shown in the live region.</summary>
    Running,

    /// <summary>Computed, at least one op run.</summary>
    Completed,

    /// <summary>Computed with every op answered from the cache.</summary>
    Cached,

    /// <summary>Not run: its pipeline never became concrete.</summary>
    Skipped,

    /// <summary>Failed.</summary>
    Failed,

    /// <summary>Stopped: the run was cancelled or another task failed.</summary>
    Cancelled,
}
