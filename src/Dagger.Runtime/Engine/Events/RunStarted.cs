namespace Dagger.Runtime.Engine.Events;

/// <summary>A run began: the first event.</summary>
/// <param name="Plan">The plan's folder, absolute.</param>
/// <param name="Engine">The engine's address.</param>
/// <param name="Platform">The platform asked for, or null for the engine's own.</param>
/// <param name="Version">The version of dagger.</param>
/// <param name="Command">What runs: <c>up</c> or <c>compute</c>.</param>
/// <param name="Environment">The environment run, or null when the plan was given directly.</param>
public sealed record RunStarted(string Plan, string Engine, string? Platform, string Version, string Command, string? Environment) : RunEvent
{
    /// <inheritdoc />
    public override string Name => "run.started";

    /// <inheritdoc />
    public override EventLevel Level => EventLevel.Info;

    /// <inheritdoc />
    public override string Message => $"running {Plan} on {Engine}";

    /// <inheritdoc />
    public override RunEvent Redact(SecretRedactor redactor) => this;
}
