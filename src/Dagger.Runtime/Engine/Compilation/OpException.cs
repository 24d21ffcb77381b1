using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Ops;

namespace Dagger.Runtime.Engine.Compilation;

/// <summary>An op that cannot be compiled or run; the message starts with the op's CUE path, the span is the op's.</summary>
public sealed class OpException : DaggerException
{
    /// <summary>Creates an invalid-op error (<c>DAG2002</c>) for <paramref name="source"/>.</summary>
    public OpException(OpSource source, string message, Exception? innerException = null)
        : this(source, ErrorCodes.InvalidOp, message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="source"/>.</summary>
    public OpException(OpSource source, ErrorCode code, string message, Exception? innerException = null)
        : base(code, $"{source?.Path}: {message}", source?.Span, innerException)
    {
        Source = source ?? throw new ArgumentNullException(nameof(source));
        Path = source.Path;
    }

    /// <summary>Creates the exception.</summary>
    public OpException()
        : this(new OpSource("?"), "op failed")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public OpException(string message)
        : this(new OpSource("?"), message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public OpException(string message, Exception innerException)
        : this(new OpSource("?"), message, innerException)
    {
    }

    /// <summary>The op that failed.</summary>
    public new OpSource Source { get; }

    /// <inheritdoc />
    public override DaggerError ToError() => base.ToError() with { Task = Source.Task.Length > 0 || Source.Index >= 0 ? Source.Task : null };
}
