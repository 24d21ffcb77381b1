namespace Dagger.Cue.UnitTests.Conformance;

/// <summary>The verdict on one conformance case.</summary>
/// <param name="Case">The case.</param>
/// <param name="Run">The raw process result.</param>
/// <param name="Failure">Null when the case passed, else the reason.</param>
internal sealed record CaseResult(ConformanceCase Case, ProcessResult Run, string? Failure)
{
    public bool Passed => Failure is null;

    /// <summary>A report for a failed test: the reason, the command and the start of stderr.</summary>
    public string Describe(CueCommand command)
    {
        var stderr = Run.Stderr.Length <= 1500 ? Run.Stderr : Run.Stderr[..1500] + "\n...";
        return $"{Case.Id}: {Failure ?? "passed"}\n"
            + $"  outcome expected: {Case.Outcome}; exit {Run.ExitCode} after {Run.Elapsed.TotalSeconds:0.00}s\n"
            + $"  command: (cd {Case.InputDir} && {command} export --out json {string.Join(' ', Case.Files)})\n"
            + (stderr.Length > 0 ? "  stderr:\n" + stderr : "  stderr: (empty)");
    }
}
