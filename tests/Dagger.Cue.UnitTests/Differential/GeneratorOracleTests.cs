using System.Diagnostics;
using System.Text.Json;

using Dagger.Cue.UnitTests.Conformance;

namespace Dagger.Cue.UnitTests.Differential;

/// <summary>
/// Checks the generator and the oracle's batch mode against the reference CUE itself: the oracle must be a stable
/// judge, and the generated programs must be worth judging (mostly valid, deliberate errors caught, non-trivial).
/// </summary>
[TestClass]
public sealed class GeneratorOracleTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task The_oracle_batch_is_stable_and_agrees_with_the_cli_wrapper()
    {
        using var set = new ProgramSet(new CueProgramGenerator(31, CueFeatures.All).Generate(0, 40).ToList());
        var first = await OracleBatch.RunAsync(set.ExportJobs(), 2, TimeSpan.FromSeconds(30), TestContext.CancellationToken);
        var second = await OracleBatch.RunAsync(set.ExportJobs(), 1, TimeSpan.FromSeconds(30), TestContext.CancellationToken);
        for (var i = 0; i < first.Length; i++)
        {
            Assert.IsFalse(first[i].TimedOut || second[i].TimedOut, $"program {i} timed out in the oracle");
            Assert.AreEqual((first[i].ExitCode, first[i].Stdout, first[i].Stderr), (second[i].ExitCode, second[i].Stdout, second[i].Stderr), $"program {i}");
        }

        var oracle = CueCommand.Oracle();
        foreach (var i in new[] { 0, 1, 2, 3, 4, 5 })
        {
            var cli = await ProcessRunner.RunAsync(
                oracle.FileName, oracle.With(["export", "--out", "json", ProgramSet.FileName]), set.DirOf(set.Programs[i]),
                TimeSpan.FromSeconds(60), TestContext.CancellationToken);
            Assert.AreEqual((first[i].ExitCode, first[i].Stdout, first[i].Stderr), (cli.ExitCode, cli.Stdout, cli.Stderr), $"program {i}");
        }
    }

    [TestMethod]
    public async Task Most_programs_export_and_deliberate_errors_fail()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("DAGGER_CUE_GEN_CHECK_COUNT"), out var n) ? n : 200;
        using var set = new ProgramSet(new CueProgramGenerator(DifferentialSettings.DefaultSeed, CueFeatures.All).Generate(0, count).ToList());
        var clock = Stopwatch.StartNew();
        var results = await OracleBatch.RunAsync(set.ExportJobs(), 2, TimeSpan.FromSeconds(30), TestContext.CancellationToken);
        TestContext.WriteLine($"{count} programs through the oracle batch (2 node processes) in {clock.Elapsed.TotalSeconds:0.0}s");

        var clean = Enumerable.Range(0, count).Where(i => set.Programs[i].InjectedError is null).ToList();
        var injected = Enumerable.Range(0, count).Where(i => set.Programs[i].InjectedError is not null).ToList();
        var cleanOk = clean.Count(i => results[i].ExitCode == 0);
        var injectedFailed = injected.Count(i => results[i].ExitCode != 0);
        TestContext.WriteLine($"without injected errors: {cleanOk}/{clean.Count} export; with: {injectedFailed}/{injected.Count} fail");
        foreach (var group in injected.GroupBy(i => set.Programs[i].InjectedError))
        {
            TestContext.WriteLine($"  {group.Key}: {group.Count(i => results[i].ExitCode != 0)}/{group.Count()} fail");
        }

        var unexpected = clean.Where(i => results[i].ExitCode != 0).ToList();
        foreach (var i in unexpected)
        {
            TestContext.WriteLine($"program {i} failed without an injected error: {ConformanceChecker.FirstLine(results[i].Stderr)}");
        }

        foreach (var i in unexpected.Take(3))
        {
            TestContext.WriteLine($"--- program {i} failed without an injected error:\n{set.Programs[i].Text}{results[i].Stderr}");
        }

        Assert.IsFalse(results.Any(r => r.TimedOut), "the oracle timed out");
        Assert.IsGreaterThanOrEqualTo(0.9, (double)cleanOk / clean.Count, "too many generated programs are invalid");
        Assert.IsGreaterThanOrEqualTo(0.8, (double)injectedFailed / injected.Count, "too many deliberate errors go unnoticed");

        // Only an incomplete value may legitimately pass (inside a hidden field or a definition, export tolerates it).
        foreach (var kind in new[] { "type-conflict", "value-conflict", "closedness", "bound", "struct-vs-scalar" })
        {
            var ofKind = injected.Where(i => set.Programs[i].InjectedError == kind).ToList();
            Assert.IsNotEmpty(ofKind, $"no program got a deliberate {kind}");
            var passed = ofKind.Where(i => results[i].ExitCode == 0).ToList();
            Assert.IsEmpty(passed, $"deliberate {kind} exported anyway in program(s) {string.Join(", ", passed)}");
        }

        // Interesting outputs: several fields, nesting, and every JSON kind somewhere.
        var outputs = clean.Where(i => results[i].ExitCode == 0).Select(i => JsonDocument.Parse(results[i].Stdout)).ToList();
        try
        {
            var fields = outputs.Average(d => d.RootElement.EnumerateObject().Count());
            var nested = outputs.Count(d => d.RootElement.EnumerateObject().Any(p => p.Value.ValueKind == JsonValueKind.Object));
            TestContext.WriteLine($"exported: {fields:0.0} top-level fields on average, {nested}/{outputs.Count} with nested objects");
            Assert.IsGreaterThanOrEqualTo(3.0, fields);
            Assert.IsGreaterThanOrEqualTo(outputs.Count / 3, nested);
            var all = string.Concat(clean.Where(i => results[i].ExitCode == 0).Select(i => results[i].Stdout));
            foreach (var token in new[] { "true", "false", "[", "\"", "E+", ".5", "\\u003c" })
            {
                Assert.Contains(token, all, $"no exported value contains {token}");
            }
        }
        finally
        {
            outputs.ForEach(d => d.Dispose());
        }
    }

    [TestMethod]
    [DataRow(CueFeatures.None)]
    [DataRow(CueFeatures.Definitions | CueFeatures.OptionalFields)]
    [DataRow(CueFeatures.References | CueFeatures.HiddenFields | CueFeatures.RepeatedFields)]
    [DataRow(CueFeatures.Comprehensions | CueFeatures.Lists | CueFeatures.References)]
    [DataRow(CueFeatures.Arithmetic | CueFeatures.Floats | CueFeatures.Interpolation | CueFeatures.Disjunctions)]
    [DataRow(CueFeatures.All & ~CueFeatures.Conflicts & ~CueFeatures.Comprehensions)]
    public async Task Narrowed_feature_sets_still_give_valid_programs(CueFeatures features)
    {
        using var set = new ProgramSet(new CueProgramGenerator(DifferentialSettings.DefaultSeed, features).Generate(0, 30).ToList());
        var results = await OracleBatch.RunAsync(set.ExportJobs(), 1, TimeSpan.FromSeconds(30), TestContext.CancellationToken);
        var failed = Enumerable.Range(0, results.Length).Where(i => results[i].ExitCode != 0).ToList();
        foreach (var i in failed)
        {
            TestContext.WriteLine($"--- program {i}:\n{set.Programs[i].Text}{results[i].Stderr}");
        }

        Assert.IsLessThanOrEqualTo(1, failed.Count, $"{failed.Count} of 30 programs with features {features} fail in the reference CUE");
    }
}
