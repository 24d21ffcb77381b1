namespace Dagger.Cue.UnitTests.Conformance;

/// <summary>
/// The shared CUE conformance corpus (shared/cue-conformance, 372 cases) run through the real CLI:
/// <c>dagger cue export --out json FILES</c> in each case's folder, judged as the corpus's own runner judges.
/// Cases listed in known-failures.txt are not rows here; <see cref="Known_failures_still_fail"/> holds them.
/// </summary>
[TestClass]
[RequiresCorpus]
public sealed class ConformanceTests
{
    public TestContext TestContext { get; set; } = null!;

    // Without the corpus, one row stands for all of them, so that the test is reported (skipped, or failed in CI).
    public static IEnumerable<TestDataRow<string>> Rows =>
        TestPaths.HasCorpus
            ? ConformanceCorpus.Cases
                .Where(c => !KnownFailures.Entries.ContainsKey(c.Id))
                .Select(c => new TestDataRow<string>(c.Id) { DisplayName = c.Id })
            : [new TestDataRow<string>("(shared/cue-conformance missing)")];

    [TestMethod]
    [DynamicData(nameof(Rows))]
    public async Task Case_matches_the_oracle(string id)
    {
        var run = ConformanceRun.Shared;
        var result = await run.GetAsync(id);
        TestContext.WriteLine($"{run.Command}: exit {result.Run.ExitCode} in {result.Run.Elapsed.TotalSeconds:0.00}s");
        if (!result.Passed)
        {
            Assert.Fail(result.Describe(run.Command));
        }
    }

    [TestMethod]
    public void Corpus_is_complete()
    {
        var cases = ConformanceCorpus.Cases;
        Assert.HasCount(372, cases);
        Assert.AreEqual(167, cases.Count(c => c.Outcome == "json"));
        Assert.AreEqual(85, cases.Count(c => c.Outcome == "incomplete"));
        Assert.AreEqual(120, cases.Count(c => c.Outcome == "error"));
        foreach (var c in cases)
        {
            Assert.IsNotEmpty(c.Files, c.Id);
            Assert.IsTrue(c.Outcome != "json" || File.Exists(c.ExpectedJsonPath), $"{c.Id}: expected.json is missing");
            foreach (var file in c.Files)
            {
                Assert.IsTrue(File.Exists(Path.Combine(c.InputDir, file)), $"{c.Id}: {file} is missing");
            }
        }
    }

    [TestMethod]
    public void Known_failures_name_existing_cases()
    {
        var ids = ConformanceCorpus.Cases.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var unknown = KnownFailures.Entries.Keys.Where(id => !ids.Contains(id)).ToList();
        Assert.IsEmpty(unknown, $"{KnownFailures.FilePath} lists ids that are not in cases.tsv: {string.Join(", ", unknown)}");
        var noReason = KnownFailures.Entries.Where(e => e.Value.Length == 0).Select(e => e.Key).ToList();
        Assert.IsEmpty(noReason, $"{KnownFailures.FilePath}: every entry needs a reason: {string.Join(", ", noReason)}");
    }

    [TestMethod]
    public async Task Known_failures_still_fail()
    {
        var run = ConformanceRun.Shared;
        var results = await Task.WhenAll(KnownFailures.Entries.Keys.Order(StringComparer.Ordinal).Select(run.GetAsync));
        foreach (var r in results)
        {
            TestContext.WriteLine($"{r.Case.Id}: {r.Failure ?? "passes"}");
        }

        var nowPassing = results.Where(r => r.Passed).Select(r => r.Case.Id).ToList();
        Assert.IsEmpty(
            nowPassing,
            string.Join("\n", nowPassing.Select(id => $"case {id} now passes: remove it from known-failures.txt")));
    }
}
