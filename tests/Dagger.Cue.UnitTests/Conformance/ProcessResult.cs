namespace Dagger.Cue.UnitTests.Conformance;

/// <summary>What a finished (or killed) child process left behind.</summary>
/// <param name="ExitCode">The exit status; 128+N when the process died of signal N; -1 when it was killed on timeout.</param>
/// <param name="Stdout">Everything written to stdout, decoded as UTF-8.</param>
/// <param name="Stderr">Everything written to stderr, decoded as UTF-8.</param>
/// <param name="TimedOut">True when the process tree was killed because it ran past the time limit.</param>
/// <param name="Elapsed">Wall-clock time from start to exit.</param>
internal sealed record ProcessResult(int ExitCode, string Stdout, string Stderr, bool TimedOut, TimeSpan Elapsed);
