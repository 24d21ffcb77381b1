using Dagger.Runtime.Cue;

namespace Dagger.Runtime.Engine.Events;

/// <summary>A task's pipeline compiled and was sent to the engine.</summary>
/// <param name="Path">The task's CUE path.</param>
/// <param name="Span">Where the task is written.</param>
public sealed record TaskStarted(string Path, SourceSpan? Span) : RunEvent
{
    /// <inheritdoc />
    public override string Name => "task.started";

    /// <inheritdoc />
    public override EventLevel Level => EventLevel.Info;

    /// <inheritdoc />
    public override string Message => "computing";

    /// <inheritdoc />
    public override string Task => Path;

    /// <inheritdoc />
    public override RunEvent Redact(SecretRedactor redactor) => this;
}
