using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Ops;

namespace Dagger.Runtime.Engine.Runs;

/// <summary>
/// An op failed on the engine. The message names the op's CUE path and says what the engine said, without its gRPC
/// wrapping; a failed command gives the run its own exit code.
/// </summary>
public sealed class RunFailedException : DaggerException
{
    /// <summary>Creates the exception.</summary>
    public RunFailedException(ErrorCode code, OpSource? op, string message, int? commandExitCode, Exception? innerException = null)
        : base(code, op is null ? message : $"{op.Path}: {message}", op?.Span, innerException)
    {
        Op = op;
        CommandExitCode = commandExitCode;
        Path = op?.Path;
    }

    /// <summary>Creates the exception.</summary>
    public RunFailedException()
        : this(ErrorCodes.BuildFailed, null, "the run failed", null)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RunFailedException(string message)
        : this(ErrorCodes.BuildFailed, null, message, null)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public RunFailedException(string message, Exception innerException)
        : this(ErrorCodes.BuildFailed, null, message, null, innerException)
    {
    }

    /// <summary>The op that failed, when the engine named it.</summary>
    public OpSource? Op { get; }

    /// <summary>The exit code of a failed exec.</summary>
    public int? CommandExitCode { get; }

    /// <inheritdoc />
    public override int ExitCode => Code == ErrorCodes.ExecFailed ? ExitCodes.ForCommand(CommandExitCode) : base.ExitCode;

    /// <inheritdoc />
    public override DaggerError ToError() => base.ToError() with { Task = Op?.Task };
}
