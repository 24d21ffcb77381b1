namespace Dagger.Tool;

/// <summary>The exit codes of <c>dagger</c>. A failing exec may also propagate its own exit code.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The pipeline or the input failed: a CUE error, a failing op, a missing engine.</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong.</summary>
    public const int Usage = 2;

    /// <summary>A bug in dagger itself.</summary>
    public const int InternalError = 70;

    /// <summary>Interrupted by Ctrl-C (128 + SIGINT).</summary>
    public const int Cancelled = 130;
}
