using Dagger.Runtime.Engine.Ops;

namespace Dagger.Runtime.Engine.Events;

/// <summary>A line that an op printed.</summary>
/// <param name="Op">The op.</param>
/// <param name="Channel">Where it printed it.</param>
/// <param name="Line">The line, without its line ending.</param>
public sealed record TaskLog(OpSource Op, OutputChannel Channel, string Line) : RunEvent
{
    /// <summary>Longer lines are cut, so that one line cannot fill a log.</summary>
    public const int MaxLine = 64 * 1024;

    /// <inheritdoc />
    public override string Name => "task.log";

    /// <inheritdoc />
    public override EventLevel Level => EventLevel.Info;

    /// <inheritdoc />
    public override string Message => Line;

    /// <inheritdoc />
    public override string Task => Op.Task;

    /// <inheritdoc />
    public override RunEvent Redact(SecretRedactor redactor) => this with { Line = redactor.Redact(Line) };
}
