using System.Collections.Immutable;

namespace Dagger.Action.Events;

/// <summary>One task in <c>run.completed</c>'s list.</summary>
/// <param name="Path">The task's CUE path.</param>
/// <param name="Status"><c>computed</c>, <c>skipped</c>, <c>failed</c> or <c>cancelled</c>.</param>
/// <param name="Duration">Seconds, or null when it did not start.</param>
/// <param name="Span">Where the task is declared, or null.</param>
/// <param name="WaitingFor">For a skipped task, what it waited for.</param>
internal sealed record TaskSummary(string Path, string Status, double? Duration, Span? Span, ImmutableArray<string> WaitingFor);
