namespace Dagger.Action.Inputs;

/// <summary>Where the run is reported (the <c>report</c> input).</summary>
internal enum ReportMode
{
    /// <summary>A check run; when it cannot be written, a commit status; then annotations in the log.</summary>
    Auto,

    /// <summary>A check run; when it cannot be written, annotations in the log.</summary>
    Check,

    /// <summary>A commit status, with the problems as annotations in the log.</summary>
    Status,

    /// <summary>Annotations in the log only (no API call).</summary>
    Annotations,

    /// <summary>Nothing but the log and the job summary.</summary>
    None,
}
