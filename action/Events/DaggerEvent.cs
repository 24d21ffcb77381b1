using System.Collections.Immutable;

namespace Dagger.Action.Events;

/// <summary>
/// One event of dagger's JSON event stream (<c>docs/events.md</c>, schema version 1), with the fields every event
/// may carry. The kinds the action acts on are subtypes; any other event is an instance of this type.
/// </summary>
internal record DaggerEvent
{
    /// <summary>The event's name (<c>task.failed</c>).</summary>
    public string Name { get; init; } = "";

    /// <summary><c>debug</c>, <c>info</c>, <c>warn</c> or <c>error</c>.</summary>
    public string Level { get; init; } = "info";

    /// <summary>The line for people, in the tool's words.</summary>
    public string Message { get; init; } = "";

    /// <summary>When it happened.</summary>
    public DateTimeOffset Time { get; init; }

    /// <summary>The CUE path of the task concerned, or null.</summary>
    public string? Task { get; init; }

    /// <summary>The DAGnnnn code (warnings and errors), or null.</summary>
    public string? Code { get; init; }

    /// <summary>Where the problem is in the plan's source, or null.</summary>
    public Span? Span { get; init; }

    /// <summary>Further places (both sides of a conflict).</summary>
    public ImmutableArray<Span> Related { get; init; } = [];

    /// <summary>Whether the event is a problem to report: a warning or an error with a code.</summary>
    public bool IsProblem => Code is not null && Level is "warn" or "error";
}
