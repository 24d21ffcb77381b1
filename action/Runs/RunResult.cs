namespace Dagger.Action.Runs;

/// <summary>How the run ended, or that it has not.</summary>
internal enum RunResult
{
    /// <summary>Still running.</summary>
    Running,

    /// <summary>The tool succeeded.</summary>
    Success,

    /// <summary>The tool failed.</summary>
    Failure,

    /// <summary>The run was cancelled.</summary>
    Cancelled,
}
