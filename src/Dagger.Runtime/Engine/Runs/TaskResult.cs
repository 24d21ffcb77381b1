using Dagger.Runtime.Cue;

namespace Dagger.Runtime.Engine.Runs;

/// <summary>One task of a run, as it ended.</summary>
/// <param name="Path">The task's CUE path.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Duration">How long it ran; null when it did not start.</param>
/// <param name="Span">Where it is written.</param>
/// <param name="WaitingFor">What a skipped task waited for.</param>
public sealed record TaskResult(string Path, TaskState Status, TimeSpan? Duration, SourceSpan? Span, IReadOnlyList<string> WaitingFor);
