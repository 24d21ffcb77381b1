using Dagger.Runtime.BuildKit;
using Dagger.Runtime.Engine.Plans;

namespace Dagger.Runtime.Engine.Runs;

/// <summary>Everything a front end asks of one run, in its own terms already parsed.</summary>
public sealed record RunRequest
{
    /// <summary>The folder holding the plan's CUE package.</summary>
    public required string PlanDirectory { get; init; }

    /// <summary>The package to load from <see cref="PlanDirectory"/>: an import path; the folder's own when null.</summary>
    public string? Package { get; init; }

    /// <summary>Run only what this CUE path needs (its tasks and those they depend on); everything when null.</summary>
    public string? Target { get; init; }

    /// <summary>The user's inputs, filled in order.</summary>
    public IReadOnlyList<PlanInput> Inputs { get; init; } = [];

    /// <summary>The engine; discovered from the environment when null.</summary>
    public EngineAddress? Engine { get; init; }

    /// <summary>How long the engine may take to answer the connection and the client session (DAG3001 after that).</summary>
    public TimeSpan EngineTimeout { get; init; } = BuildKit.BuildKitClientOptions.DefaultConnectTimeout;

    /// <summary>Answer no op from BuildKit's cache.</summary>
    public bool NoCache { get; init; }

    /// <summary>Solve after every op, as the original dagger did (for measurements).</summary>
    public bool SolvePerOp { get; init; }

    /// <summary>The platform images are pulled for and execs run on; the engine's own when null.</summary>
    public Llb.Platform? Platform { get; init; }

    /// <summary>Whether the outcome should carry the plan with its computed values as JSON (<c>dagger compute</c>).</summary>
    public bool WithComputedJson { get; init; }

    /// <summary>What runs, as <c>run.started</c> names it: <c>up</c> or <c>compute</c>.</summary>
    public string Command { get; init; } = "up";

    /// <summary>The environment run, when the plan comes from one.</summary>
    public string? Environment { get; init; }

    /// <summary>
    /// Keeps the outcome (an environment's state and history) before <c>run.completed</c> is told, whatever the
    /// result. A <see cref="Diagnostics.DaggerException"/> it throws is reported, and fails a run that had succeeded.
    /// </summary>
    public Func<RunOutcome, CancellationToken, Task>? Record { get; init; }

    /// <summary>The version of the front end, for <c>run.started</c>; the runtime's own when null.</summary>
    public string? Version { get; init; }
}
