using System.Runtime.CompilerServices;
using Dagger.Runtime.Cue;

namespace Dagger.Cue.UnitTests.Unit;

/// <summary>Each context interns labels in its own table, so a long-lived process does not keep every label it saw.</summary>
[TestClass]
public sealed class LabelTableTests
{
    [TestMethod]
    public void Two_contexts_intern_labels_independently()
    {
        var first = new CueContext();
        var second = new CueContext();
        Assert.AreEqual("1", first.Compile("onlyInFirst: 1").LookupPath("onlyInFirst")!.ToJson());
        Assert.AreEqual("2", second.Compile("onlyInSecond: 2").LookupPath("onlyInSecond")!.ToJson());

        Assert.IsTrue(first.Evaluator.Names.Contains("onlyInFirst"));
        Assert.IsFalse(first.Evaluator.Names.Contains("onlyInSecond"));
        Assert.IsTrue(second.Evaluator.Names.Contains("onlyInSecond"));
        Assert.IsFalse(second.Evaluator.Names.Contains("onlyInFirst"));
    }

    [TestMethod]
    public void A_new_context_starts_small_whatever_an_earlier_one_interned()
    {
        var big = new CueContext();
        var json = big.Compile(ManyFields(1000)).ToJson(indent: false);
        StringAssert.Contains(json, "\"field999\":999", StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(1000, big.Evaluator.Names.Count);

        var small = new CueContext();
        Assert.AreEqual("{\"a\":1}", small.Compile("a: 1").ToJson(indent: false));
        Assert.IsLessThan(10, small.Evaluator.Names.Count);
    }

    [TestMethod]
    public void The_table_of_a_dropped_context_is_collected()
    {
        var table = EvaluateInAContextThatIsDropped();
        for (var i = 0; i < 3 && table.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.IsFalse(table.IsAlive, "nothing outside the context holds its labels");
    }

    [TestMethod]
    public void Contexts_evaluate_in_parallel_each_with_its_own_labels()
    {
        // Each context meets the labels in another order, so the same label has a different number in each.
        var results = new string[8];
        Parallel.For(0, results.Length, i =>
        {
            var fields = string.Join("\n", Enumerable.Range(0, 50).Select(k => (k + (i * 7)) % 50).Select(k => $"f{k}: {k}"));
            var source = $"import \"list\"\n{fields}\nsum: list.Sum([for k, v in {{x: f1, y: f2}} {{v}}])\nsorted: list.Sort([3, 1, 2], list.Ascending)\nctx: {i}\n";
            results[i] = CueContext.RunWithLargeStack(() => new CueContext().Compile(source).ToJson(indent: false));
        });

        for (var i = 0; i < results.Length; i++)
        {
            var fields = string.Concat(Enumerable.Range(0, 50).Select(k => (k + (i * 7)) % 50).Select(k => $"\"f{k}\":{k},"));
            Assert.AreEqual($"{{{fields}\"sum\":3,\"sorted\":[1,2,3],\"ctx\":{i}}}", results[i], $"context {i}");
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference EvaluateInAContextThatIsDropped()
    {
        var context = new CueContext();
        _ = context.Compile(ManyFields(1000)).ToJson();
        return new WeakReference(context.Evaluator.Names);
    }

    private static string ManyFields(int n) => string.Join("\n", Enumerable.Range(0, n).Select(i => $"field{i}: {i}"));
}
