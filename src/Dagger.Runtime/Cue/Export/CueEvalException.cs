namespace Dagger.Runtime.Cue.Export;

/// <summary>Evaluation or export failed; the message lists the errors as <c>path: message</c> lines.</summary>
public sealed class CueEvalException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CueEvalException(string message, bool incomplete)
        : base(message) => Incomplete = incomplete;

    /// <summary>Creates the exception.</summary>
    public CueEvalException()
        : base("evaluation failed")
    {
    }

    /// <summary>Creates the exception.</summary>
    public CueEvalException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public CueEvalException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when the value was valid but not concrete (rather than a conflict).</summary>
    public bool Incomplete { get; }
}
