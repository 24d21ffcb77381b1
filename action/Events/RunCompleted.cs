using System.Collections.Immutable;

namespace Dagger.Action.Events;

/// <summary><c>run.completed</c>: the last event of a run, with what it computed and what it cost.</summary>
internal sealed record RunCompleted : DaggerEvent
{
    /// <summary>The event, from the fields every event has.</summary>
    public RunCompleted(DaggerEvent common)
        : base(common)
    {
    }

    /// <summary><c>success</c>, <c>failure</c> or <c>cancelled</c>.</summary>
    public string Result { get; init; } = "failure";

    /// <summary>The exit code the tool exits with.</summary>
    public int ExitCode { get; init; }

    /// <summary>Seconds since <c>run.started</c>.</summary>
    public double Duration { get; init; }

    /// <summary>Tasks by how they ended, and what the run cost (<c>solves</c>, <c>waves</c>, <c>fills</c>).</summary>
    public ImmutableDictionary<string, long> Counts { get; init; } = ImmutableDictionary<string, long>.Empty;

    /// <summary>The plan's outputs, in the plan's order.</summary>
    public ImmutableArray<PlanOutput> Outputs { get; init; } = [];

    /// <summary>Every task and how it ended.</summary>
    public ImmutableArray<TaskSummary> Tasks { get; init; } = [];

    /// <summary>The failure, when the run failed.</summary>
    public RunError? Error { get; init; }
}
