namespace Dagger.Runtime.Engine.Events;

/// <summary>A task finished; the values it exported are filled into the plan.</summary>
/// <param name="Path">The task's CUE path.</param>
/// <param name="Duration">How long it took.</param>
/// <param name="Exports">The CUE paths whose values it computed.</param>
/// <param name="Cached">Whether every op was answered from the engine's cache.</param>
public sealed record TaskCompleted(string Path, TimeSpan Duration, IReadOnlyList<string> Exports, bool Cached) : RunEvent
{
    /// <summary>Values longer than this (as JSON) are left out of <see cref="Values"/>.</summary>
    public const int MaxValue = 4096;

    /// <summary>The exported values as JSON, by path; a value over <see cref="MaxValue"/> characters is left out.</summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = System.Collections.Immutable.ImmutableDictionary<string, string>.Empty;

    /// <inheritdoc />
    public override string Name => "task.completed";

    /// <inheritdoc />
    public override EventLevel Level => EventLevel.Info;

    /// <inheritdoc />
    public override string Message => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"completed in {Duration.TotalSeconds:0.0}s{(Cached ? " (cached)" : "")}");

    /// <inheritdoc />
    public override string Task => Path;

    /// <inheritdoc />
    public override RunEvent Redact(SecretRedactor redactor) =>
        Values.Count == 0 ? this : this with { Values = Values.ToDictionary(v => v.Key, v => redactor.Redact(v.Value), StringComparer.Ordinal) };
}
