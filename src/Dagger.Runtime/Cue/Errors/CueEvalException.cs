namespace Dagger.Runtime.Cue.Errors;

/// <summary>
/// Evaluation or export failed. <see cref="Errors"/> lists every error found, sorted and de-duplicated like the
/// reference CUE; the message prints them one after another as <c>path: message:</c> plus indented positions.
/// </summary>
public sealed class CueEvalException : Exception
{
    /// <summary>Creates the exception from a list of errors.</summary>
    public CueEvalException(IEnumerable<CueError> errors, bool incomplete)
        : this(CueError.Sanitize(errors), incomplete)
    {
    }

    /// <summary>Creates the exception with a message and no structured errors.</summary>
    public CueEvalException(string message, bool incomplete)
        : base(message)
    {
        Incomplete = incomplete;
        Errors = [new CueError("", message, default, [])];
    }

    /// <summary>Creates the exception.</summary>
    public CueEvalException()
        : this("evaluation failed", false)
    {
    }

    /// <summary>Creates the exception.</summary>
    public CueEvalException(string message)
        : this(message, false)
    {
    }

    /// <summary>Creates the exception.</summary>
    public CueEvalException(string message, Exception innerException)
        : base(message, innerException) => Errors = [new CueError("", message, default, [])];

    private CueEvalException(IReadOnlyList<CueError> errors, bool incomplete)
        : base(errors.Count == 0 ? "evaluation failed" : string.Join("\n", errors.Select(e => e.ToString())))
    {
        Incomplete = incomplete;
        Errors = errors;
    }

    /// <summary>True when the value was valid but not concrete (rather than a conflict).</summary>
    public bool Incomplete { get; }

    /// <summary>The errors, sorted by position and path, without duplicates.</summary>
    public IReadOnlyList<CueError> Errors { get; }
}
