using Dagger.Runtime.Engine.Ops;

namespace Dagger.Runtime.Engine.Compilation;

/// <summary>An op that cannot be compiled or run; the message names the op's CUE path and position.</summary>
public sealed class OpException : Exception
{
    /// <summary>Creates the exception for <paramref name="source"/>.</summary>
    public OpException(OpSource source, string message, Exception? innerException = null)
        : base($"{source}: {message}", innerException) => Source = source;

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
}
