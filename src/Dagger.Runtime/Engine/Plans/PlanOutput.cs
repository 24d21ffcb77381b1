namespace Dagger.Runtime.Engine.Plans;

/// <summary>A value the plan marks as an output (<c>@dagger(output)</c>), as JSON when concrete.</summary>
/// <param name="Path">Its CUE path.</param>
/// <param name="Json">The value as compact JSON, or null when it is not concrete.</param>
/// <param name="Cue">The value as CUE text (its type, when it is not concrete).</param>
public sealed record PlanOutput(string Path, string? Json, string Cue);
