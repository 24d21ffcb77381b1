using Dagger.Runtime.Engine.Ops;

namespace Dagger.Runtime.Engine.Events;

/// <summary>An op of a task began to run on the engine.</summary>
/// <param name="Op">The op.</param>
/// <param name="Description">What it does (<c>exec sh -c make</c>).</param>
public sealed record OpStarted(OpSource Op, string Description) : RunEvent
{
    /// <inheritdoc />
    public override string Name => "op.started";

    /// <inheritdoc />
    public override EventLevel Level => EventLevel.Debug;

    /// <inheritdoc />
    public override string Message => Description;

    /// <inheritdoc />
    public override string Task => Op.Task;

    /// <inheritdoc />
    public override RunEvent Redact(SecretRedactor redactor) => this with { Description = redactor.Redact(Description) };
}
