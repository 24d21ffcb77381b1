namespace Dagger.Runtime.Engine.Runs;

/// <summary>What a run did, and what it cost.</summary>
/// <param name="Tasks">Tasks in the plan.</param>
/// <param name="Computed">Tasks that ran.</param>
/// <param name="Skipped">Tasks that waited for missing values.</param>
/// <param name="Failed">Tasks that failed.</param>
/// <param name="Cancelled">Tasks stopped by a cancel or another task's failure.</param>
/// <param name="Solves">Solve requests sent to the engine.</param>
/// <param name="Waves">Rounds of exports read back.</param>
/// <param name="Fills">Values filled back into the plan (plan evaluation included).</param>
public sealed record RunCounts(int Tasks, int Computed, int Skipped, int Failed, int Cancelled, int Solves, int Waves, int Fills)
{
    /// <summary>A run that did nothing.</summary>
    public static RunCounts None { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);
}
