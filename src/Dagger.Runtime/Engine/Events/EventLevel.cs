namespace Dagger.Runtime.Engine.Events;

/// <summary>How much an event matters; the event stream writes it as <c>debug</c>, <c>info</c>, <c>warn</c> or <c>error</c>.</summary>
public enum EventLevel
{
    /// <summary>Detail for people who debug a run: ops, solves.</summary>
    Debug,

    /// <summary>Progress: tasks starting and finishing, their output.</summary>
    Info,

    /// <summary>Something that did not stop the run but may be a mistake: a task that did not run.</summary>
    Warn,

    /// <summary>A failure.</summary>
    Error,
}
