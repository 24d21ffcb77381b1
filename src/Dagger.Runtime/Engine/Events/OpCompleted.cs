using Dagger.Runtime.Engine.Ops;

namespace Dagger.Runtime.Engine.Events;

/// <summary>An op finished on the engine.</summary>
/// <param name="Op">The op.</param>
/// <param name="Description">What it does.</param>
/// <param name="Cached">Whether the engine answered it from its cache.</param>
/// <param name="Duration">How long it took.</param>
public sealed record OpCompleted(OpSource Op, string Description, bool Cached, TimeSpan Duration) : RunEvent
{
    /// <inheritdoc />
    public override string Name => "op.completed";

    /// <inheritdoc />
    public override EventLevel Level => EventLevel.Debug;

    /// <inheritdoc />
    public override string Message => Cached ? $"{Description} (cached)" : Description;

    /// <inheritdoc />
    public override string Task => Op.Task;

    /// <inheritdoc />
    public override RunEvent Redact(SecretRedactor redactor) => this with { Description = redactor.Redact(Description) };
}
