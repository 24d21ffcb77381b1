using Dagger.Runtime.Engine.Diagnostics;

namespace Dagger.Runtime.Engine.Events;

/// <summary>A task that had started was stopped: the run was cancelled, or another task failed.</summary>
/// <param name="Path">The task's CUE path.</param>
/// <param name="Span">Where the task is written.</param>
/// <param name="Duration">How long it ran before it was stopped.</param>
/// <param name="FailedTask">The task whose failure stopped it; null when the run was cancelled.</param>
public sealed record TaskCancelled(string Path, Cue.SourceSpan? Span, TimeSpan Duration, string? FailedTask = null) : RunEvent
{
    /// <summary>The code of the warning.</summary>
    public static ErrorCode Code => ErrorCodes.Cancelled;

    /// <inheritdoc />
    public override string Name => "task.cancelled";

    /// <inheritdoc />
    // Stopped by another task's failure, it is no problem of its own: the failure is the one error to look at, and
    // front doors that turn warnings into annotations or build warnings would bury it under one per stopped task.
    public override EventLevel Level => FailedTask is null ? EventLevel.Warn : EventLevel.Info;

    /// <inheritdoc />
    public override string Message => FailedTask is null ? Messages.TaskCancelled : Diagnostics.Message.Format(Messages.TaskCancelledAfterFailure, FailedTask);

    /// <inheritdoc />
    public override string Task => Path;

    /// <inheritdoc />
    public override RunEvent Redact(SecretRedactor redactor) => this;
}
