namespace Dagger.Cue.UnitTests.Conformance;

/// <summary>
/// Proves the conformance harness on the reference CUE itself (tests/oracle, set up by
/// <c>npm ci --prefix tests/oracle</c>): a sample of cases of every outcome must pass, and a wrong result must not.
/// </summary>
[TestClass]
[RequiresCorpus]
public sealed class HarnessSelfTests
{
    private static readonly string[] Sample =
    [
        "cue/basicrewrite/000_errors",
        "cue/definitions/files",
        "internal/core/export/alias",
        "cue/cycle/structural",
    ];

    [TestMethod]
    public async Task The_oracle_passes_a_sample_of_every_outcome()
    {
        using var run = new ConformanceRun(CueCommand.Oracle(), 2, prefetch: false);
        var results = await Task.WhenAll(Sample.Select(run.GetAsync));
        CollectionAssert.AreEquivalent(
            new[] { "json", "incomplete", "error" },
            results.Select(r => r.Case.Outcome).Distinct().ToArray());
        foreach (var r in results)
        {
            Assert.IsTrue(r.Passed, r.Describe(run.Command));
        }
    }

    [TestMethod]
    public async Task A_command_that_prints_other_json_fails_json_cases()
    {
        // `echo` ignores the export arguments' meaning and prints them: valid JSON it is not.
        var @case = ConformanceCorpus.Cases.First(c => c.Outcome == "json");
        var run = await ProcessRunner.RunAsync("echo", ["{}"], @case.InputDir, ConformanceRun.Timeout, CancellationToken.None);
        var failure = ConformanceChecker.Check(@case, run, ConformanceRun.Timeout);
        Assert.IsNotNull(failure);
        StringAssert.Contains(failure, "value mismatch at $");
    }

    [TestMethod]
    public async Task A_command_that_succeeds_fails_error_cases()
    {
        var @case = ConformanceCorpus.Cases.First(c => c.Outcome == "error");
        var run = await ProcessRunner.RunAsync("true", [], @case.InputDir, ConformanceRun.Timeout, CancellationToken.None);
        Assert.AreEqual("exit 0, expected failure (error)", ConformanceChecker.Check(@case, run, ConformanceRun.Timeout));
    }

    [TestMethod]
    public async Task A_hanging_command_is_killed_at_the_time_limit()
    {
        var @case = ConformanceCorpus.Cases.First(c => c.Outcome == "error");
        var run = await ProcessRunner.RunAsync("sleep", ["30"], @case.InputDir, TimeSpan.FromSeconds(1), CancellationToken.None);
        Assert.IsTrue(run.TimedOut);
        Assert.IsLessThan(10.0, run.Elapsed.TotalSeconds);
        StringAssert.StartsWith(ConformanceChecker.Check(@case, run, TimeSpan.FromSeconds(1)), "timeout after 1s");
    }

    [TestMethod]
    public async Task A_stack_trace_on_stderr_fails_even_an_expected_failure()
    {
        var @case = ConformanceCorpus.Cases.First(c => c.Outcome == "error");
        var run = await ProcessRunner.RunAsync(
            "sh", ["-c", "echo 'dagger: boom' >&2; echo '   at Dagger.Runtime.Cue.Eval()' >&2; exit 1"],
            @case.InputDir, ConformanceRun.Timeout, CancellationToken.None);
        StringAssert.StartsWith(ConformanceChecker.Check(@case, run, ConformanceRun.Timeout), "stack trace in stderr");
    }

    [TestMethod]
    public async Task A_crash_marker_fails_the_case()
    {
        var @case = ConformanceCorpus.Cases.First(c => c.Outcome == "incomplete");
        var run = await ProcessRunner.RunAsync(
            "sh", ["-c", "echo 'Unhandled exception. System.StackOverflowException' >&2; exit 1"],
            @case.InputDir, ConformanceRun.Timeout, CancellationToken.None);
        StringAssert.StartsWith(ConformanceChecker.Check(@case, run, ConformanceRun.Timeout), "crash marker in stderr");
    }

    [TestMethod]
    public async Task Death_by_signal_fails_the_case()
    {
        var @case = ConformanceCorpus.Cases.First(c => c.Outcome == "error");
        var run = await ProcessRunner.RunAsync("sh", ["-c", "kill -SEGV $$"], @case.InputDir, ConformanceRun.Timeout, CancellationToken.None);
        StringAssert.StartsWith(ConformanceChecker.Check(@case, run, ConformanceRun.Timeout), "crashed (exit 139, signal 11)");
    }
}
