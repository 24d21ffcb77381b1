namespace Dagger.Action.Tool;

/// <summary>How the tool's process ended.</summary>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="Stdout">What it printed on stdout (the command's result), up to <see cref="DaggerProcess.StdoutLimit"/> characters.</param>
/// <param name="StdoutComplete">False when stdout was longer and was cut.</param>
/// <param name="Interrupted">Whether the action stopped it (cancellation).</param>
internal sealed record DaggerExit(int ExitCode, string Stdout, bool StdoutComplete, bool Interrupted);
