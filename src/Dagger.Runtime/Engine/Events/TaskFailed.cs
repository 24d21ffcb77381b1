using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Ops;

namespace Dagger.Runtime.Engine.Events;

/// <summary>A task failed, and with it the run.</summary>
/// <param name="Path">The task's CUE path.</param>
/// <param name="Error">What went wrong, and where (the failing op's place when known).</param>
/// <param name="Op">The op that failed, when one did.</param>
/// <param name="CommandExitCode">The exit code of a failed command.</param>
public sealed record TaskFailed(string Path, DaggerError Error, OpSource? Op, int? CommandExitCode) : RunEvent
{
    /// <summary>The most lines of output <see cref="LogTail"/> keeps.</summary>
    public const int MaxTail = 20;

    /// <summary>How long the task ran before it failed; null when it failed before it started (an invalid op).</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>The last lines the failing op printed, oldest first.</summary>
    public IReadOnlyList<string> LogTail { get; init; } = [];

    /// <inheritdoc />
    public override string Name => "task.failed";

    /// <inheritdoc />
    public override EventLevel Level => EventLevel.Error;

    /// <inheritdoc />
    public override string Message => Error.Message;

    /// <inheritdoc />
    public override string Task => Path;

    /// <inheritdoc />
    public override RunEvent Redact(SecretRedactor redactor) => this with
    {
        Error = Error with { Message = redactor.Redact(Error.Message) },
        LogTail = [.. LogTail.Select(redactor.Redact)],
    };
}
