namespace Dagger.Runtime.Engine.Diagnostics;

/// <summary>The exit codes of a run. A failing exec passes its own code through when it is between 1 and 125.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The plan, an input, the engine or an op failed.</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong.</summary>
    public const int Usage = 2;

    /// <summary>A bug in dagger itself (EX_SOFTWARE).</summary>
    public const int Internal = 70;

    /// <summary>Interrupted (128 + SIGINT).</summary>
    public const int Cancelled = 130;

    /// <summary>The exit code for a command that exited with <paramref name="code"/>: its own where a shell would not
    /// read it as something else (126 and up mean "cannot run", "not found" and signals).</summary>
    public static int ForCommand(int? code) => code is > 0 and < 126 ? code.Value : Failure;
}
