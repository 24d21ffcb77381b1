using Dagger.Runtime.Engine.Diagnostics;

namespace Dagger.Runtime.Engine.Events;

/// <summary>A warning or an error that belongs to no task: a plan that does not load, an engine that cannot be reached.</summary>
/// <param name="Error">What, and where.</param>
/// <param name="Severity">Warn or Error.</param>
public sealed record Diagnostic(DaggerError Error, EventLevel Severity = EventLevel.Error) : RunEvent
{
    /// <inheritdoc />
    public override string Name => "diagnostic";

    /// <inheritdoc />
    public override EventLevel Level => Severity;

    /// <inheritdoc />
    public override string Message => Error.Message;

    /// <inheritdoc />
    public override RunEvent Redact(SecretRedactor redactor) => this with { Error = Error with { Message = redactor.Redact(Error.Message) } };
}
