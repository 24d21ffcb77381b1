using Dagger.Cue.UnitTests.Conformance;

namespace Dagger.Cue.UnitTests.Differential;

/// <summary>A program on which our CLI and the reference CUE disagree.</summary>
/// <param name="Program">The program.</param>
/// <param name="Description">What differs, e.g. <c>oracle succeeded, ours failed</c> or a JSON difference.</param>
/// <param name="Oracle">The reference CUE's result.</param>
/// <param name="Ours">Our CLI's result.</param>
/// <param name="Fatal">A crash, a stack trace or a timeout on our side: never accepted as known.</param>
internal sealed record Disagreement(GeneratedProgram Program, string Description, ProcessResult Oracle, ProcessResult Ours, bool Fatal)
{
    public string Describe() =>
        $"program {Program.Index} (seed {Program.Seed}{(Program.InjectedError is null ? "" : ", injected " + Program.InjectedError)}): {Description}\n"
        + "--- program (p.cue) ---\n" + Program.Text
        + "--- reference CUE: exit " + Oracle.ExitCode + " ---\n" + Clip(Oracle.Stdout + Oracle.Stderr)
        + "--- ours: exit " + Ours.ExitCode + (Ours.TimedOut ? " (timeout)" : "") + " ---\n" + Clip(Ours.Stdout + Ours.Stderr);

    private static string Clip(string text) =>
        (text.Length <= 1200 ? text : text[..1200] + "\n...") + (text.EndsWith('\n') ? "" : "\n");
}
