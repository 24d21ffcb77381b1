using System.Collections.Immutable;
using Dagger.Action.Events;

namespace Dagger.Action.Runs;

/// <summary>One task of the run, as the reports show it.</summary>
/// <param name="Path">The task's CUE path (<c>""</c> for the plan's root).</param>
/// <param name="Outcome">Where it stands.</param>
/// <param name="Duration">Seconds, or null while it runs or when it never started.</param>
/// <param name="Exports">The CUE paths it computed.</param>
/// <param name="Cached">Whether every op came from the engine's cache.</param>
/// <param name="Span">Where the task is declared, or null.</param>
/// <param name="WaitingFor">For a skipped task, the values it waited for.</param>
internal sealed record TaskRow(
    string Path,
    TaskOutcome Outcome,
    double? Duration,
    ImmutableArray<string> Exports,
    bool Cached,
    Span? Span,
    ImmutableArray<string> WaitingFor)
{
    /// <summary>The task's path as people read it: the root is <c>(root)</c>.</summary>
    public string DisplayName => Path.Length == 0 ? "(root)" : Path;
}
