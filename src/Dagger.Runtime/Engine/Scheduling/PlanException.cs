using Dagger.Runtime.Cue;
using Dagger.Runtime.Engine.Diagnostics;

namespace Dagger.Runtime.Engine.Scheduling;

/// <summary>The plan rejected something: a value that conflicts with its constraints, an input that does not fit, a
/// plan that does not load.</summary>
public sealed class PlanException : DaggerException
{
    /// <summary>Creates the exception.</summary>
    public PlanException(ErrorCode code, string message, SourceSpan? span = null, Exception? innerException = null)
        : base(code, message, span, innerException)
    {
    }

    /// <summary>Creates an internal error.</summary>
    public PlanException()
    {
    }

    /// <summary>Creates an internal error with a message.</summary>
    public PlanException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an internal error with a message and its cause.</summary>
    public PlanException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
