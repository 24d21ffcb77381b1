using Dagger.Runtime.Engine.Exports;

namespace Dagger.Runtime.Engine.Scheduling;

/// <summary>What a run computed, what it skipped, and what it cost.</summary>
/// <param name="Computed">The exported value filled into each task, by task path.</param>
/// <param name="Skipped">Tasks that were not run because they never became concrete.</param>
/// <param name="Solves">How many solve requests went to the engine.</param>
/// <param name="Waves">How many rounds of exports were read.</param>
/// <param name="Fills">How many values were filled back into the plan (each re-evaluates its dependants).</param>
public sealed record RunReport(
    IReadOnlyDictionary<string, ExportedValue> Computed,
    IReadOnlyList<SkippedTask> Skipped,
    int Solves,
    int Waves,
    int Fills);
