using Dagger.Runtime.Cue;

namespace Dagger.Runtime.Engine.Diagnostics;

/// <summary>
/// A failure that dagger reports to its user: a code, a message that stands on its own, where in the plan it happened
/// when that is known, and the exit code it gives the run. Every error the engine raises is one; front ends show it
/// as <c>FILE:LINE:COL: error CODE: MESSAGE</c>, never with a stack trace.
/// </summary>
public class DaggerException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DaggerException(ErrorCode code, string message, SourceSpan? span = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code ?? throw new ArgumentNullException(nameof(code));
        Span = span;
    }

    /// <summary>Creates an internal error.</summary>
    public DaggerException()
        : this(ErrorCodes.Internal, "dagger failed")
    {
    }

    /// <summary>Creates an internal error with a message.</summary>
    public DaggerException(string message)
        : this(ErrorCodes.Internal, message)
    {
    }

    /// <summary>Creates an internal error with a message and its cause.</summary>
    public DaggerException(string message, Exception innerException)
        : this(ErrorCodes.Internal, message, null, innerException)
    {
    }

    /// <summary>What kind of failure this is.</summary>
    public ErrorCode Code { get; }

    /// <summary>Where in the plan's files, when known.</summary>
    public SourceSpan? Span { get; init; }

    /// <summary>Other places involved (the other side of a conflict).</summary>
    public IReadOnlyList<SourceSpan> Related { get; init; } = [];

    /// <summary>The CUE path concerned, when there is one.</summary>
    public string? Path { get; init; }

    /// <summary>The exit code the run ends with.</summary>
    public virtual int ExitCode => Code.ExitCode;

    /// <summary>The failure as data, for events and outcomes.</summary>
    public virtual DaggerError ToError() => new(Code, Message, Span) { Related = Related, Path = Path, ExitCode = ExitCode };
}
