using Dagger.Runtime.Engine.Ops;

namespace Dagger.Runtime.Engine.Runs;

/// <summary>
/// An op failed on the engine. The message names the op (CUE path and position) and says what the engine said,
/// without its gRPC wrapping.
/// </summary>
public sealed class RunFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RunFailedException(OpSource? op, string message, int? exitCode, Exception? innerException = null)
        : base(op is null ? message : $"{op}: {message}", innerException)
    {
        Op = op;
        ExitCode = exitCode;
    }

    /// <summary>Creates the exception.</summary>
    public RunFailedException()
        : this(null, "the run failed", null)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RunFailedException(string message)
        : this(null, message, null)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public RunFailedException(string message, Exception innerException)
        : this(null, message, null, innerException)
    {
    }

    /// <summary>The op that failed, when the engine named it.</summary>
    public OpSource? Op { get; }

    /// <summary>The exit code of a failed exec.</summary>
    public int? ExitCode { get; }
}
