namespace Dagger.Runtime.Engine.Plans;

/// <summary>Which layers a plan is loaded with, beside the inputs: the CUE package, and the computed values of a past run.</summary>
public sealed record PlanLayers
{
    /// <summary>Whether to load the CUE package (false: only the inputs and the computed values).</summary>
    public bool Plan { get; init; } = true;

    /// <summary>The package to load: an import path, or a path relative to the folder; the folder's own when null.</summary>
    public string? Package { get; init; }

    /// <summary>Computed values (JSON, as <c>state/computed.json</c> keeps them) unified last; none when null.</summary>
    public string? ComputedJson { get; init; }
}
