using Dagger.Runtime.Cue;

namespace Dagger.Runtime.Engine.Diagnostics;

/// <summary>An error or warning as data: what events and run outcomes carry.</summary>
/// <param name="Code">What kind of problem it is.</param>
/// <param name="Message">The message, secrets hidden.</param>
/// <param name="Span">Where in the plan, when known (files relative to the plan's folder).</param>
public sealed record DaggerError(ErrorCode Code, string Message, SourceSpan? Span)
{
    /// <summary>Other places involved.</summary>
    public IReadOnlyList<SourceSpan> Related { get; init; } = [];

    /// <summary>The CUE path concerned, when there is one.</summary>
    public string? Path { get; init; }

    /// <summary>The task that failed, when one did.</summary>
    public string? Task { get; init; }

    /// <summary>The exit code the run ends with because of it.</summary>
    public int ExitCode { get; init; } = ExitCodes.Failure;
}
