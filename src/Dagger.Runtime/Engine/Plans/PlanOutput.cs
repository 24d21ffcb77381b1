namespace Dagger.Runtime.Engine.Plans;

/// <summary>A value the plan marks as an output (<c>@dagger(output)</c> or <c>dagger.#Output</c>).</summary>
/// <param name="Path">Its CUE path.</param>
/// <param name="Json">The value as compact JSON, or null when it is not concrete.</param>
/// <param name="Cue">The value as CUE text (its type, when it is not concrete).</param>
/// <param name="Description">The field's doc comment, when it has one.</param>
public sealed record PlanOutput(string Path, string? Json, string Cue, string? Description = null);
