using Dagger.Benchmarks;
using Dagger.Cue.UnitTests.Conformance;
using Dagger.TestRig;

namespace Dagger.Cue.UnitTests.Fuzz;

/// <summary>
/// Issue 17: the CUE fuzz harness of the benchmarks runs 2,000 inputs (or <c>DAGGER_FUZZ_COUNT</c>) with a fixed
/// seed on every run: no crash, no hang. Seeds are the conformance inputs and the project's own CUE (the embedded
/// universe and the examples), so that a clone without ../shared still fuzzes something real.
/// </summary>
[TestClass]
public sealed class CueFuzzTests
{
    /// <summary>CPU time of one input before it counts as a hang; the pathological inputs take a few seconds in Debug.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void Mutated_and_pathological_CUE_never_crashes_or_hangs()
    {
        var seeds = Seeds();
        var output = Path.Combine(TestContext.TestResultsDirectory ?? Path.GetTempPath(), "cue-fuzz");
        var log = new StringWriter();
        var totals = CueFuzz.Run(seeds, FuzzBudget.Count, FuzzBudget.Seed, output, Limit, log, TestContext.CancellationToken);
        TestContext.WriteLine(log.ToString());
        TestContext.WriteLine($"{seeds.Count} seed files; {totals}");

        if (totals.Findings is [var first, ..])
        {
            Assert.Fail(
                $"{totals}\nseed {totals.Seed}: {totals.Findings.Count} inputs saved to {output}; the first, input {first.Index} ({first.Kind}), "
                + $"saved as {first.Path}:\n---\n{Shorten(first.Input)}\n---\n{first.Detail}");
        }

        Assert.AreEqual(FuzzBudget.Count, totals.Inputs, totals.ToString());
        Assert.IsGreaterThan(0, totals.Evaluated, $"no input evaluated, so the fuzzer fed nothing valid: {totals}");
        Assert.IsGreaterThan(0, totals.CueErrors, $"no input was rejected, so the fuzzer mutated nothing: {totals}");
    }

    private static List<string> Seeds()
    {
        var seeds = new List<string>();
        seeds.AddRange(CueFuzz.CueFiles(Path.Combine(TestPaths.RepoRoot, "src")));
        seeds.AddRange(CueFuzz.CueFiles(Path.Combine(TestPaths.RepoRoot, "examples")));
        if (TestPaths.HasCorpus)
        {
            seeds.AddRange(CueFuzz.ConformanceSeeds(Path.Combine(TestPaths.Corpus, "cases")));
        }
        else if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(TestPaths.MissingCorpus);
        }

        return seeds;
    }

    // A pathological input is hundreds of kilobytes: the message keeps its ends, the file keeps all of it.
    private static string Shorten(string input) =>
        input.Length <= 4000 ? input : $"{input[..2000]}\n… ({input.Length} characters) …\n{input[^2000..]}";
}
