namespace Dagger.Runtime.Cue.Flow;

/// <summary>A task found in a <see cref="TaskFlow"/>: a value the task predicate accepted.</summary>
/// <param name="Path">The value's path from the root, like <c>a.b."c-d"</c> (list elements by index).</param>
/// <param name="Value">The task's value (valid until the next fill of the flow).</param>
/// <param name="Dependencies">Paths of the other tasks whose values this task's evaluation read, directly or through
/// intermediate fields, in discovery order.</param>
public sealed record FlowTask(string Path, CueValue Value, IReadOnlyList<string> Dependencies);
