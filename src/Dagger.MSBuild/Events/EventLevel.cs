namespace Dagger.MSBuild.Events;

/// <summary>The levels of the event stream, lowest first; <c>DaggerLogLevel</c> names the lowest one that is logged.</summary>
internal enum EventLevel
{
    /// <summary>Ops and solves.</summary>
    Debug,

    /// <summary>Tasks starting and completing, and what their ops print.</summary>
    Info,

    /// <summary>Warnings.</summary>
    Warn,

    /// <summary>Errors.</summary>
    Error,
}
