using System.Text.Json;

namespace Dagger.Action.Events;

/// <summary>One output of the plan in <c>run.completed</c>.</summary>
/// <param name="Path">The CUE path.</param>
/// <param name="Value">The value as JSON (a null token when it is not concrete).</param>
/// <param name="Cue">The value as CUE text.</param>
/// <param name="Description">The field's doc comment, or null.</param>
internal sealed record PlanOutput(string Path, JsonElement Value, string Cue, string? Description);
