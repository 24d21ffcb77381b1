using Dagger.Cue.UnitTests.Conformance;
using Dagger.Runtime.Cue;
using Dagger.Runtime.Cue.Errors;
using Dagger.Runtime.Cue.Flow;

namespace Dagger.Cue.UnitTests.Flow;

[TestClass]
public sealed class IncrementalFillTests
{
    private static T Run<T>(Func<T> f) => CueContext.RunWithLargeStack(f);

    [TestMethod]
    public void FillUpdatesDependantsInPlace() => Run(() =>
    {
        var flow = new TaskFlow(new CueContext().Compile("a: {r: string}\nx: a.r + \"!\"\nb: {env: y: x}\nc: 1"), _ => false);
        flow.Fill("a.r", "hi");
        Assert.AreEqual("{\"a\":{\"r\":\"hi\"},\"x\":\"hi!\",\"b\":{\"env\":{\"y\":\"hi!\"}},\"c\":1}", flow.Root.ToJson(indent: false));
        return 0;
    });

    [TestMethod]
    public void ConflictingFillIsAnErrorAtThePath() => Run(() =>
    {
        var flow = new TaskFlow(new CueContext().Compile("a: r: int\nb: a.r * 2"), _ => false);
        flow.Fill("a.r", "text");
        var error = flow.Root.LookupPath("a.r")!.Error;
        Assert.IsNotNull(error);
        Assert.IsFalse(error.Incomplete);
        StringAssert.Contains(error.Message, "conflicting values");
        return 0;
    });

    [TestMethod]
    public void NewFieldReachesReferencesThatWereUnresolved() => Run(() =>
    {
        var flow = new TaskFlow(new CueContext().Compile("a: {...}\nb: a.late\nc: {d: a}"), _ => false);
        flow.Fill("a.late", 5);
        Assert.AreEqual("{\"a\":{\"late\":5},\"b\":5,\"c\":{\"d\":{\"late\":5}}}", flow.Root.ToJson(indent: false));
        return 0;
    });

    [TestMethod]
    public void HandWrittenProgramsMatchWholeEvaluation() => Run(() =>
    {
        string[] programs =
        [
            "a: {r: string}\nx: a.r + \"!\"\nb: {env: y: x}",
            "#T: {in: string, out: \"\\(in)-x\"}\na: #T & {in: \"1\"}\nb: #T & {in: a.out}\nc: [a.out, b.out]",
            "a: {r: *\"d\" | string}\nb: {s: a.r, t: len(a.r)}",
            "import \"strings\"\na: r: string\nb: strings.ToUpper(a.r)\nc: {for k, v in a {\"\\(k)\": v}}",
            "import \"encoding/json\"\na: {r: int, s: 2}\nj: json.Marshal(a)\nl: len([ for x in a {x}])",
            "a: r: string\nlet L = a.r\nb: L + L\nc: {if a.r == \"go\" {ok: true}}",
            "a: {r: string, #p: {q: r}}\nb: a.#p.q\n_h: a.r\nd: _h",
            "s: [string]: {v: int, w: v + 1}\ns: {x: {}, y: {v: s.x.w}}",
            "a: r: int\nb: *a.r | \"none\"\nc: {x: b}",
            "l: [{r: string}, {r: l[0].r + \"2\"}]\nm: {n: string}\no: [m.n, l[1].r]",
            "a: b: c: d: string\ne: a.b\nf: e.c.d",
        ];
        var failures = new List<string>();
        foreach (var p in programs)
        {
            var candidates = FillEquivalence.Candidates(new CueContext().Compile(p), 40);
            Assert.IsTrue(candidates.Count > 0, p);
            foreach (var c in candidates)
            {
                if (FillEquivalence.Compare(ctx => ctx.Compile(p), [c]) is { } diff)
                {
                    failures.Add(p + "\n" + diff);
                }
            }

            // Several fills in a row, each on top of the previous one.
            if (FillEquivalence.Compare(ctx => ctx.Compile(p), candidates.Where((_, i) => i % 3 == 0).ToList()) is { } many)
            {
                failures.Add(p + "\n" + many);
            }
        }

        Assert.AreEqual(0, failures.Count, string.Join("\n\n", failures.Take(5)));
        return 0;
    });

    [TestMethod]
    [Conformance.RequiresCorpus]
    public void ConformanceProgramsMatchWholeEvaluation() => Run(() =>
    {
        var failures = new List<string>();
        var programs = 0;
        var fills = 0;
        foreach (var c in ConformanceCorpus.Cases.Where(c => c.Outcome == "json"))
        {
            CueValue root;
            try
            {
                root = new CueContext().Load(c.InputDir, c.Files);
                root.ToJson();
            }
            catch (CueEvalException)
            {
                continue;
            }

            programs++;
            var candidates = FillEquivalence.Candidates(root, 12);
            foreach (var step in candidates)
            {
                fills++;
                if (FillEquivalence.Compare(ctx => ctx.Load(c.InputDir, c.Files), [step]) is { } diff)
                {
                    failures.Add(c.Id + " " + diff);
                }
            }

            // Fills on top of each other: every other candidate, in order.
            var sequence = candidates.Where((_, i) => i % 2 == 0).ToList();
            fills += sequence.Count;
            if (sequence.Count > 1 && FillEquivalence.Compare(ctx => ctx.Load(c.InputDir, c.Files), sequence) is { } seqDiff)
            {
                failures.Add(c.Id + " " + seqDiff);
            }
        }

        Assert.IsTrue(programs > 100 && fills > 500, $"only {programs} programs and {fills} fills were tried");
        Assert.AreEqual(0, failures.Count, $"{failures.Count} of {fills} fills differ; first ones:\n" + string.Join("\n\n", failures.Take(5)));
        return 0;
    });
}
