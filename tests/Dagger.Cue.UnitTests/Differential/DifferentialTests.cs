using System.Diagnostics;
using System.Text;

using Dagger.Cue.UnitTests.Conformance;

namespace Dagger.Cue.UnitTests.Differential;

/// <summary>
/// Generated CUE programs through the reference CUE (once, in batch) and through <c>dagger cue export</c> (one
/// process per program): both must fail, or both must succeed with the same JSON, key order and number kinds.
/// </summary>
[TestClass]
public sealed class DifferentialTests
{
    /// <summary>
    /// The generator features this test uses. Everything by default; while the evaluator catches up the lead may
    /// narrow it at merge (e.g. <c>CueFeatures.All &amp; ~CueFeatures.Comprehensions</c>), saying so in the commit.
    /// </summary>
    public const CueFeatures EnabledFeatures = CueFeatures.All;

    private const int ShownDisagreements = 5;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Generated_programs_agree_with_the_reference_cue()
    {
        var settings = DifferentialSettings.FromEnvironment(EnabledFeatures, 500);
        var command = CueCommand.Resolve();
        var jobs = Math.Clamp(Environment.ProcessorCount, 1, 2);
        TestContext.WriteLine($"seed {settings.Seed}, programs {settings.First}..{settings.First + settings.Count - 1}, features: {settings.Features}");
        TestContext.WriteLine($"reproduce: {settings.Reproduce}");
        TestContext.WriteLine($"command under test: {command}");

        var generator = new CueProgramGenerator(settings.Seed, settings.Features);
        using var set = new ProgramSet(generator.Generate(settings.First, settings.Count).ToList())
        {
            Keep = Environment.GetEnvironmentVariable("DAGGER_CUE_DIFF_KEEP") == "1",
        };
        TestContext.WriteLine($"programs in {set.Root}{(set.Keep ? " (kept: DAGGER_CUE_DIFF_KEEP=1)" : "")}");
        var clock = Stopwatch.StartNew();
        var oracle = await OracleBatch.RunAsync(set.ExportJobs(), jobs, TimeSpan.FromSeconds(30), TestContext.CancellationToken);
        var oracleTime = clock.Elapsed;
        clock.Restart();
        var ours = await CliRunner.ExportAllAsync(command, set, jobs, ConformanceRun.Timeout, TestContext.CancellationToken);
        var oursTime = clock.Elapsed;

        var known = KnownDisagreement.Load();
        var unknown = new List<Disagreement>();
        var accepted = new Dictionary<string, int>(StringComparer.Ordinal);
        var oracleTimeouts = 0;
        for (var i = 0; i < set.Programs.Count; i++)
        {
            if (oracle[i].TimedOut)
            {
                oracleTimeouts++;
                continue;
            }

            var d = DifferentialComparer.Compare(set.Programs[i], oracle[i], ours[i]);
            if (d is null)
            {
                continue;
            }

            var entry = d.Fatal ? null : known.FirstOrDefault(k => k.Matches(d.Program.Text, d.Description));
            if (entry is null)
            {
                unknown.Add(d);
            }
            else
            {
                accepted[entry.Reason] = accepted.GetValueOrDefault(entry.Reason) + 1;
            }
        }

        var succeeded = oracle.Count(r => r.ExitCode == 0);
        TestContext.WriteLine(
            $"reference CUE: {succeeded}/{oracle.Length} exported, {oracleTimeouts} timed out, {oracleTime.TotalSeconds:0.0}s in batch; "
            + $"ours: {ours.Count(r => r.ExitCode == 0)}/{ours.Length} exported, {oursTime.TotalSeconds:0.0}s");
        TestContext.WriteLine($"disagreements: {unknown.Count} unexpected, {accepted.Values.Sum()} accepted by known-disagreements.md");
        foreach (var k in known)
        {
            TestContext.WriteLine(accepted.TryGetValue(k.Reason, out var n)
                ? $"  accepted {n}: {k.Reason}"
                : $"  accepted none (remove it if the evaluator now agrees): {k.Reason}");
        }

        Assert.IsLessThan(oracle.Length / 20 + 1, oracleTimeouts, "the reference CUE timed out on too many programs");
        if (unknown.Count > 0)
        {
            set.Keep = true;
            var message = new StringBuilder()
                .Append(Invariant($"{unknown.Count} of {set.Programs.Count} programs disagree with the reference CUE "))
                .Append(Invariant($"(features {settings.Features}; programs kept in {set.Root}).\n"))
                .Append(Invariant($"Reproduce: {settings.Reproduce}\n"))
                .Append(Invariant($"By kind: {string.Join(", ", unknown.GroupBy(Kind).OrderByDescending(g => g.Count()).Select(g => $"{g.Key}={g.Count()}"))}\n"));
            foreach (var d in unknown)
            {
                message.Append(Invariant($"  program {d.Program.Index}: {d.Description}\n"));
            }

            foreach (var d in unknown.Take(ShownDisagreements))
            {
                message.Append('\n').Append(d.Describe());
            }

            // Every disagreement in full, as a file beside the TRX (CI keeps those; the temporary folder goes).
            var report = Path.Combine(set.Root, "disagreements.txt");
            await File.WriteAllTextAsync(
                report,
                settings.Reproduce + "\n\n" + string.Join("\n", unknown.Select(d => d.Describe())),
                TestContext.CancellationToken);
            TestContext.AddResultFile(report);

            Assert.Fail(message.ToString());
        }
    }

    private static string Kind(Disagreement d) =>
        d.Fatal ? "crash/timeout"
        : d.Description.StartsWith("oracle succeeded", StringComparison.Ordinal) ? "we fail"
        : d.Description.StartsWith("oracle failed", StringComparison.Ordinal) ? "we accept"
        : d.Description.StartsWith("key order", StringComparison.Ordinal) ? "key order"
        : "value";

    private static string Invariant(FormattableString s) => FormattableString.Invariant(s);
}
