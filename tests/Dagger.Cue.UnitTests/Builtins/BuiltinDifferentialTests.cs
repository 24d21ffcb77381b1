using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

using Dagger.Cue.UnitTests.Conformance;
using Dagger.Cue.UnitTests.Differential;
using Dagger.Runtime.Cue;
using Dagger.Runtime.Cue.Errors;

namespace Dagger.Cue.UnitTests.Builtins;

/// <summary>
/// Every case of <see cref="BuiltinCases"/> through the reference CUE (few batched programs) and through our
/// evaluator (in process, one program per case): both must fail, or both must export the same JSON, number kinds
/// and key order included. Builtins/known-disagreements.md lists the differences accepted for now.
/// </summary>
[TestClass]
public sealed partial class BuiltinDifferentialTests
{
    public TestContext TestContext { get; set; } = null!;

    public static string KnownFile => Path.Combine(TestPaths.TestProjectDir, "Builtins", "known-disagreements.md");

    [TestMethod]
    public void Every_builtin_of_the_reference_has_a_case()
    {
        var called = BuiltinCases.All
            .SelectMany(c => CallRegex().Matches(c.Expression).Select(m => (Name: m.Groups[1].Value, Member: m.Groups[2].Value)))
            .ToHashSet();
        var missing = BuiltinCatalog.Reference
            .SelectMany(p => p.Value.Select(f => (Package: p.Key, Function: f)))
            .Where(x => !called.Contains((ShortName(x.Package), x.Function)))
            .Select(x => x.Package + "." + x.Function)
            .ToList();
        Assert.IsEmpty(missing, "builtins without a case: " + string.Join(", ", missing));
        Assert.IsTrue(BuiltinCases.All.All(c => !c.Expression.Contains('\n', StringComparison.Ordinal)), "a case spans lines");
    }

    [TestMethod]
    public async Task Builtins_agree_with_the_reference_cue()
    {
        var cases = BuiltinCases.All;
        var work = Directory.CreateTempSubdirectory("cue-builtins-").FullName;
        var clock = Stopwatch.StartNew();
        var (oracle, programs) = await BuiltinOracle.RunAsync(
            cases, work, Math.Clamp(Environment.ProcessorCount, 1, 2), TestContext.CancellationToken);
        var oracleTime = clock.Elapsed;
        clock.Restart();
        var ours = cases.Select(EvaluateWithLimit).ToArray();
        var oursTime = clock.Elapsed;
        Directory.Delete(work, recursive: true);

        var known = KnownDisagreement.Parse(File.ReadAllLines(KnownFile));
        var accepted = new Dictionary<string, int>(StringComparer.Ordinal);
        var unknown = new List<string>();
        for (var i = 0; i < cases.Count; i++)
        {
            var (description, fatal) = Compare(oracle[i], ours[i]);
            if (description is null)
            {
                continue;
            }

            var entry = fatal ? null : known.FirstOrDefault(k => k.Matches(cases[i].Expression, description));
            if (entry is null)
            {
                unknown.Add($"  {cases[i].Expression}\n      {description}\n      reference: {Clip(oracle[i])}\n      ours:      {Clip(ours[i])}");
            }
            else
            {
                accepted[entry.Reason] = accepted.GetValueOrDefault(entry.Reason) + 1;
            }
        }

        TestContext.WriteLine(FormattableString.Invariant(
            $"{cases.Count} cases: reference CUE {oracleTime.TotalSeconds:0.0}s in {programs} programs, ours {oursTime.TotalSeconds:0.0}s in process"));
        foreach (var p in cases.GroupBy(c => c.Package))
        {
            var functions = p.SelectMany(c => CallRegex().Matches(c.Expression))
                .Where(m => m.Groups[1].Value == ShortName(p.Key))
                .Select(m => m.Groups[2].Value)
                .Distinct(StringComparer.Ordinal)
                .Count();
            TestContext.WriteLine(FormattableString.Invariant($"  {p.Key}: {functions} builtins, {p.Count()} cases"));
        }

        TestContext.WriteLine($"disagreements: {unknown.Count} unexpected, {accepted.Values.Sum()} accepted by Builtins/known-disagreements.md");
        foreach (var k in known)
        {
            TestContext.WriteLine(accepted.TryGetValue(k.Reason, out var n)
                ? $"  accepted {n}: {k.Reason}"
                : $"  accepted none (remove it if we now agree): {k.Reason}");
        }

        Assert.IsEmpty(unknown, $"{unknown.Count} of {cases.Count} builtin cases disagree with the reference CUE:\n" + string.Join("\n", unknown));
    }

    private static (string? Description, bool Fatal) Compare(BuiltinOutcome oracle, BuiltinOutcome ours)
    {
        if (ours.Error.StartsWith("crash:", StringComparison.Ordinal))
        {
            return ("ours crashed: " + FirstLine(ours.Error), true);
        }

        if (oracle.Failed != ours.Failed)
        {
            return oracle.Failed
                ? ("oracle failed, ours succeeded: " + FirstLine(oracle.Error), false)
                : ("oracle succeeded, ours failed: " + FirstLine(ours.Error), false);
        }

        return oracle.Failed ? (null, false) : (JsonComparer.Compare(oracle.Json!, ours.Json!)?.ToString(), false);
    }

    // A case that hangs is abandoned (its thread runs on until the test process ends) and reported as a crash.
    private static BuiltinOutcome EvaluateWithLimit(BuiltinCase c)
    {
        var work = Task.Run(() => Evaluate(c));
        return work.Wait(TimeSpan.FromSeconds(20)) ? work.Result : BuiltinOutcome.Failure("crash: ours timed out after 20 s");
    }

    private static BuiltinOutcome Evaluate(BuiltinCase c)
    {
        try
        {
            var json = CueContext.RunWithLargeStack(() => new CueContext().Compile(c.Program).ToJson(indent: false));
            using var doc = JsonDocument.Parse(json);
            return BuiltinOutcome.Value(doc.RootElement.GetProperty("v").GetRawText());
        }
        catch (CueEvalException e)
        {
            return BuiltinOutcome.Failure(e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return BuiltinOutcome.Failure("crash: " + e);
        }
    }

    private static string ShortName(string path) => path[(path.LastIndexOf('/') + 1)..];

    private static string FirstLine(string text) => text.Trim().Split('\n')[0];

    private static string Clip(BuiltinOutcome o)
    {
        var s = o.ToString().ReplaceLineEndings(" ");
        return s.Length <= 300 ? s : s[..300] + "...";
    }

    [GeneratedRegex(@"\b([a-z0-9]+)\.([A-Z][A-Za-z0-9_]*)")]
    private static partial Regex CallRegex();
}
