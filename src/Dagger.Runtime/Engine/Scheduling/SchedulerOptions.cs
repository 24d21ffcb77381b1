namespace Dagger.Runtime.Engine.Scheduling;

/// <summary>How the scheduler drives the engine.</summary>
public sealed record SchedulerOptions
{
    /// <summary>
    /// Solve after every op, one pipeline at a time, as the original dagger did; for measuring the difference only.
    /// </summary>
    public bool SolvePerOp { get; init; }
}
