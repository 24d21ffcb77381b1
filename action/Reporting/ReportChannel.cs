namespace Dagger.Action.Reporting;

/// <summary>Where the report of a run went, after any fallback.</summary>
internal enum ReportChannel
{
    /// <summary>A check run, with annotations.</summary>
    CheckRun,

    /// <summary>A commit status, with annotations in the log.</summary>
    CommitStatus,

    /// <summary>Annotations in the log.</summary>
    Annotations,

    /// <summary>No report but the log and the job summary.</summary>
    None,
}
