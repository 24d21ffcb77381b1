using Dagger.Runtime.Cue;
using Dagger.Runtime.Engine.Diagnostics;

namespace Dagger.Runtime.Engine.Events;

/// <summary>A task did not run because its pipeline never became concrete (a warning: the run goes on).</summary>
/// <param name="Path">The task's CUE path.</param>
/// <param name="Span">Where the task is written.</param>
/// <param name="WaitingFor">The paths that stayed unknown; empty when the engine cannot tell.</param>
public sealed record TaskSkipped(string Path, SourceSpan? Span, IReadOnlyList<string> WaitingFor) : RunEvent
{
    /// <summary>The code of the warning.</summary>
    public static ErrorCode Code => ErrorCodes.MissingInput;

    /// <inheritdoc />
    public override string Name => "task.skipped";

    /// <inheritdoc />
    public override EventLevel Level => EventLevel.Warn;

    /// <inheritdoc />
    public override string Message => "pipeline was partially executed because of missing inputs: "
        + (WaitingFor.Count == 0 ? "(unknown)" : string.Join(", ", WaitingFor));

    /// <inheritdoc />
    public override string Task => Path;

    /// <inheritdoc />
    public override RunEvent Redact(SecretRedactor redactor) => this;
}
