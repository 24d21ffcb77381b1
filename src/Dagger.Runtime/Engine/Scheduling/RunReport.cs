using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Runs;

namespace Dagger.Runtime.Engine.Scheduling;

/// <summary>What the scheduler did: every task as it ended, the values computed, what it cost, and why it stopped.</summary>
/// <param name="Computed">The exported value filled into each task, as compact JSON, by task path.</param>
/// <param name="Tasks">Every task of the plan, in the plan's order.</param>
/// <param name="Solves">How many solve requests went to the engine.</param>
/// <param name="Waves">How many rounds of exports were read.</param>
/// <param name="Fills">How many values were filled back into the plan (each re-evaluates its dependants).</param>
public sealed record RunReport(
    IReadOnlyDictionary<string, string> Computed,
    IReadOnlyList<TaskResult> Tasks,
    int Solves,
    int Waves,
    int Fills)
{
    /// <summary>The failure that stopped the run, if one did.</summary>
    public DaggerException? Failure { get; init; }

    /// <summary>Whether the run was cancelled.</summary>
    public bool Cancelled { get; init; }

    /// <summary>The tasks that did not run because they waited for values that never came.</summary>
    public IReadOnlyList<TaskResult> Skipped => [.. Tasks.Where(t => t.Status == TaskState.Skipped)];
}
