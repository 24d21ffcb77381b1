using System.Text.RegularExpressions;

using Dagger.Cue.UnitTests.Conformance;

namespace Dagger.Cue.UnitTests.Differential;

/// <summary>Decides whether our result agrees with the reference CUE's on one program.</summary>
internal static partial class DifferentialComparer
{
    /// <summary>Null when they agree: both fail, or both succeed with the same JSON (values, number kinds, key order).</summary>
    public static Disagreement? Compare(GeneratedProgram program, ProcessResult oracle, ProcessResult ours)
    {
        if (ours.TimedOut)
        {
            return new Disagreement(program, "ours timed out", oracle, ours, true);
        }

        if (ours.ExitCode > 128 || CrashRegex().IsMatch(ours.Stderr) || ours.Stderr.Contains("   at ", StringComparison.Ordinal))
        {
            return new Disagreement(program, $"ours crashed (exit {ours.ExitCode}): {ConformanceChecker.FirstLine(ours.Stderr)}", oracle, ours, true);
        }

        var oracleOk = oracle.ExitCode == 0;
        var oursOk = ours.ExitCode == 0;
        if (oracleOk != oursOk)
        {
            return new Disagreement(
                program,
                oracleOk
                    ? "oracle succeeded, ours failed: " + ConformanceChecker.FirstLine(ours.Stderr)
                    : "oracle failed, ours succeeded: " + ConformanceChecker.FirstLine(oracle.Stderr),
                oracle,
                ours,
                false);
        }

        if (!oracleOk)
        {
            return null;
        }

        var diff = JsonComparer.Compare(oracle.Stdout, ours.Stdout);
        return diff is null ? null : new Disagreement(program, diff.ToString(), oracle, ours, false);
    }

    [GeneratedRegex("Unhandled exception|Stack overflow|panic: |fatal error:")]
    private static partial Regex CrashRegex();
}
