using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Plans;

namespace Dagger.Runtime.Engine.Runs;

/// <summary>
/// What a run produced, for a front end to print: how it ended, every task, the plan's outputs and the counts. Secrets
/// are already hidden in it. A run reports its failure here rather than by throwing.
/// </summary>
public sealed record RunOutcome
{
    /// <summary>How the run ended.</summary>
    public required RunResult Result { get; init; }

    /// <summary>The exit code a command-line front end exits with.</summary>
    public required int ExitCode { get; init; }

    /// <summary>How long the run took.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>What it did and cost.</summary>
    public RunCounts Counts { get; init; } = RunCounts.None;

    /// <summary>Where its time went.</summary>
    public RunPhases Phases { get; init; } = RunPhases.None;

    /// <summary>The plan's outputs, in the plan's order.</summary>
    public IReadOnlyList<PlanOutput> Outputs { get; init; } = [];

    /// <summary>Every task of the plan, in the plan's order.</summary>
    public IReadOnlyList<TaskResult> Tasks { get; init; } = [];

    /// <summary>Why the run failed or was cancelled; null on success.</summary>
    public DaggerError? Error { get; init; }

    /// <summary>
    /// The plan with its inputs and computed values as one line of JSON (concrete regular fields, keys sorted), as
    /// <c>dagger compute</c> prints it; null when the plan did not load.
    /// </summary>
    public string? ComputedJson { get; init; }
}
