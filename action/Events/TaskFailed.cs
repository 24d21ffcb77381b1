using System.Collections.Immutable;

namespace Dagger.Action.Events;

/// <summary><c>task.failed</c>: a task failed.</summary>
internal sealed record TaskFailed : DaggerEvent
{
    /// <summary>The event, from the fields every event has.</summary>
    public TaskFailed(DaggerEvent common)
        : base(common)
    {
    }

    /// <summary>The failing op's CUE path, or null.</summary>
    public string? Op { get; init; }

    /// <summary>The command's exit code, or null.</summary>
    public int? ExitCode { get; init; }

    /// <summary>The last lines the failing op printed, oldest first.</summary>
    public ImmutableArray<string> LogTail { get; init; } = [];
}
