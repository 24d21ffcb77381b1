namespace Dagger.Runtime.Engine.Events;

/// <summary>One solve request to the engine finished.</summary>
/// <param name="Index">1 for the first solve of the run.</param>
/// <param name="Reads">How many exported files it read back.</param>
/// <param name="Effects">How many pipelines it ran for their side effects.</param>
/// <param name="Duration">How long it took.</param>
/// <param name="Tasks">The tasks whose pipelines it ran.</param>
public sealed record SolveCompleted(int Index, int Reads, int Effects, TimeSpan Duration, IReadOnlyList<string> Tasks) : RunEvent
{
    /// <inheritdoc />
    public override string Name => "solve.completed";

    /// <inheritdoc />
    public override EventLevel Level => EventLevel.Debug;

    /// <inheritdoc />
    public override string Message => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"solve {Index}: {Reads} reads, {Effects} effects in {Duration.TotalSeconds:0.00}s");

    /// <inheritdoc />
    public override RunEvent Redact(SecretRedactor redactor) => this;
}
