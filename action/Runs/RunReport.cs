using System.Collections.Immutable;
using Dagger.Action.Events;

namespace Dagger.Action.Runs;

/// <summary>What is known of a run at one moment: everything the reports show, immutable.</summary>
internal sealed record RunReport
{
    /// <summary>The command line as shown to people (<c>dagger up -p ci</c>).</summary>
    public string CommandLine { get; init; } = "dagger";

    /// <summary>How the run ended, or <see cref="RunResult.Running"/>.</summary>
    public RunResult Result { get; init; } = RunResult.Running;

    /// <summary>The tool's exit code, once it exited.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Seconds the run took, or has taken so far.</summary>
    public double Duration { get; init; }

    /// <summary>The tool's version, from <c>run.started</c>.</summary>
    public string? ToolVersion { get; init; }

    /// <summary>The tasks, in the order they first appeared.</summary>
    public ImmutableArray<TaskRow> Tasks { get; init; } = [];

    /// <summary>The problems, in the order they happened.</summary>
    public ImmutableArray<Problem> Problems { get; init; } = [];

    /// <summary>The plan's outputs.</summary>
    public ImmutableArray<PlanOutput> Outputs { get; init; } = [];

    /// <summary>The counts of <c>run.completed</c> (<c>solves</c>, <c>waves</c>, <c>fills</c>, tasks by outcome).</summary>
    public ImmutableDictionary<string, long> Counts { get; init; } = ImmutableDictionary<string, long>.Empty;

    /// <summary>Tasks computed.</summary>
    public long Computed => Count("computed", TaskOutcome.Computed);

    /// <summary>Tasks skipped.</summary>
    public long Skipped => Count("skipped", TaskOutcome.Skipped);

    /// <summary>Tasks failed.</summary>
    public long Failed => Count("failed", TaskOutcome.Failed);

    /// <summary>Tasks cancelled.</summary>
    public long Cancelled => Count("cancelled", TaskOutcome.Cancelled);

    /// <summary>Whether the run has ended.</summary>
    public bool Ended => Result != RunResult.Running;

    private long Count(string name, TaskOutcome outcome) =>
        Counts.TryGetValue(name, out var count) ? count : Tasks.Count(t => t.Outcome == outcome);
}
