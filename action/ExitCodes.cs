namespace Dagger.Action;

/// <summary>The exit codes of the action's program, and the tool's that it reads.</summary>
internal static class ExitCodes
{
    /// <summary>Success, or a failure of dagger with <c>fail-on-error: false</c>.</summary>
    public const int Success = 0;

    /// <summary>A failure of the action itself (a report is a warning, never this).</summary>
    public const int Failure = 1;

    /// <summary>An input the action cannot use.</summary>
    public const int BadInput = 2;

    /// <summary>Interrupted (SIGINT, a workflow cancel): the tool's code too.</summary>
    public const int Cancelled = 130;
}
