namespace Dagger.Action.Events;

/// <summary>The failure of a run, in <c>run.completed</c>.</summary>
/// <param name="Code">The DAGnnnn code.</param>
/// <param name="Message">The message.</param>
/// <param name="Task">The task that failed, or null.</param>
/// <param name="Span">Where, or null.</param>
internal sealed record RunError(string Code, string Message, string? Task, Span? Span);
