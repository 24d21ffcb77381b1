using System.Collections.Immutable;
using Dagger.Action.Events;

namespace Dagger.Action.Runs;

/// <summary>A warning or error of the run, reported once: in the check run, the log or the summary.</summary>
/// <param name="Level">How bad it is.</param>
/// <param name="Code">The DAGnnnn code.</param>
/// <param name="Message">The tool's message.</param>
/// <param name="Task">The task concerned, or null.</param>
/// <param name="Span">Where it is in the plan, as the tool gave it, or null.</param>
/// <param name="Location">The same place in the repository, or null when there is none or it is outside it.</param>
/// <param name="Details">Further lines: the failing command's last output, what a skipped task waited for.</param>
internal sealed record Problem(
    ProblemLevel Level,
    string Code,
    string Message,
    string? Task,
    Span? Span,
    SourceLocation? Location,
    ImmutableArray<string> Details)
{
    /// <summary>Where it is, as people read it, or null.</summary>
    public string? Place => Location?.ToString() ?? Span?.ToString();
}
