namespace Dagger.Runtime.Cue.Flow;

/// <summary>Tasks of a <see cref="TaskFlow"/> depend on each other in a cycle, so none of them can run first.</summary>
public sealed class TaskCycleException : Exception
{
    /// <summary>Creates the exception for a cycle of task paths (the first task is not repeated at the end).</summary>
    public TaskCycleException(IReadOnlyList<string> cycle)
        : base("task dependency cycle: " + string.Join(" -> ", (cycle ?? []).Append(cycle is { Count: > 0 } ? cycle[0] : "")))
    {
        Cycle = cycle ?? [];
    }

    /// <summary>Creates the exception.</summary>
    public TaskCycleException()
        : base("task dependency cycle")
    {
        Cycle = [];
    }

    /// <summary>Creates the exception.</summary>
    public TaskCycleException(string message)
        : base(message)
    {
        Cycle = [];
    }

    /// <summary>Creates the exception.</summary>
    public TaskCycleException(string message, Exception innerException)
        : base(message, innerException)
    {
        Cycle = [];
    }

    /// <summary>The task paths of the cycle, each depending on the next and the last on the first.</summary>
    public IReadOnlyList<string> Cycle { get; }
}
