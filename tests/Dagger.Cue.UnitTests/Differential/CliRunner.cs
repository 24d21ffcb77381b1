using Dagger.Cue.UnitTests.Conformance;

namespace Dagger.Cue.UnitTests.Differential;

/// <summary>Runs <c>CMD export --out json p.cue</c> once per program, a bounded number at a time.</summary>
internal static class CliRunner
{
    public static async Task<ProcessResult[]> ExportAllAsync(
        CueCommand command, ProgramSet set, int jobs, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var results = new ProcessResult[set.Programs.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, set.Programs.Count),
            new ParallelOptions { MaxDegreeOfParallelism = jobs, CancellationToken = cancellationToken },
            async (i, ct) => results[i] = await ProcessRunner.RunAsync(
                command.FileName,
                command.With(["export", "--out", "json", ProgramSet.FileName]),
                set.DirOf(set.Programs[i]),
                timeout,
                ct).ConfigureAwait(false)).ConfigureAwait(false);
        return results;
    }
}
