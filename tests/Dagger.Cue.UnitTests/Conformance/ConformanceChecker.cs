using System.Text.RegularExpressions;

namespace Dagger.Cue.UnitTests.Conformance;

/// <summary>Judges one run of <c>export --out json</c> against the oracle's recorded outcome, as the shared runner does.</summary>
internal static partial class ConformanceChecker
{
    /// <summary>Null when the case passes, else why it fails.</summary>
    public static string? Check(ConformanceCase @case, ProcessResult run, TimeSpan timeout)
    {
        if (run.TimedOut)
        {
            return $"timeout after {timeout.TotalSeconds:0.#}s (process tree killed)";
        }

        if (run.ExitCode is 126 or 127)
        {
            return $"could not start command (exit {run.ExitCode}): {FirstLine(run.Stderr)}";
        }

        if (run.ExitCode > 128)
        {
            return $"crashed (exit {run.ExitCode}, signal {run.ExitCode - 128}): {FirstLine(run.Stderr)}";
        }

        var crash = CrashRegex().Match(run.Stderr);
        if (crash.Success)
        {
            return $"crash marker in stderr (exit {run.ExitCode}): {FirstLine(run.Stderr[crash.Index..])}";
        }

        var trace = run.Stderr.IndexOf("   at ", StringComparison.Ordinal);
        if (trace >= 0)
        {
            return $"stack trace in stderr (exit {run.ExitCode}): {FirstLine(run.Stderr[trace..])}";
        }

        if (@case.Outcome == "json")
        {
            if (run.ExitCode != 0)
            {
                return $"exit {run.ExitCode}, expected JSON output: {FirstLine(run.Stderr)}";
            }

            return JsonComparer.Compare(File.ReadAllText(@case.ExpectedJsonPath), run.Stdout)?.ToString();
        }

        return run.ExitCode == 0 ? $"exit 0, expected failure ({@case.Outcome})" : null;
    }

    public static string FirstLine(string text, int max = 160)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length > 0)
            {
                return line.Length <= max ? line : line[..(max - 3)] + "...";
            }
        }

        return "(no stderr)";
    }

    [GeneratedRegex("Unhandled exception|Stack overflow|panic: |fatal error:")]
    private static partial Regex CrashRegex();
}
