using System.Globalization;
using System.Text;
using Dagger.Runtime.Cue;
using Dagger.Runtime.Engine.Exports;
using Dagger.Runtime.Engine.Plans;

namespace Dagger.Engine.UnitTests.Plans;

/// <summary>How a CUE plan takes exported values back: in place, re-evaluating only the tasks that depend on them.</summary>
[TestClass]
public sealed class CuePlanFillTests
{
    private const string Fetch = "{do: \"fetch-container\", ref: \"dagger-test/busybox\"}";

    [TestMethod]
    public void Fill_makes_the_dependent_task_ready()
    {
        var plan = new CuePlan(new CueContext().Compile($$"""
            a: {string, #up: [{{Fetch}}, {do: "export", source: "/out"}]}
            b: {#up: [{{Fetch}}, {do: "exec", args: ["echo", "from \(a)"]}]}
            """));
        CollectionAssert.AreEqual(new[] { "a", "b" }, plan.TaskPaths().ToArray());
        Assert.IsNull(plan.DecodePipeline("b").Ops);
        Assert.AreEqual("a", plan.DecodePipeline("b").Missing.Single(), "what b waits for: the value it refers to, not its op's field");

        plan.Fill("a", new ExportedValue("\"built\""));

        Assert.IsNotNull(plan.DecodePipeline("b").Ops);
        Assert.AreEqual("from built", CueContext.RunWithLargeStack(() =>
            plan.Root.LookupPath("b.#up")!.Elements()[1].LookupPath("args")!.Elements()[1].TryGetString(out var s) ? s : "?"));
    }

    [TestMethod]
    public void Conflicting_export_is_a_plan_error_naming_the_values()
    {
        var plan = new CuePlan(new CueContext().Compile($$"""a: {int, #up: [{{Fetch}}, {do: "export", source: "/out"}]}"""));
        plan.TaskPaths();
        var e = Assert.ThrowsExactly<Dagger.Runtime.Engine.Scheduling.PlanException>(() => plan.Fill("a", new ExportedValue("\"text\"")));
        StringAssert.Contains(e.Message, "conflicting values");
    }

    [TestMethod]
    public void Filling_one_task_of_a_wide_plan_evaluates_a_small_part_of_it()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 200; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $$"""t{{i}}: {string, #up: [{{Fetch}}, {do: "exec", args: ["echo", "{{i}}"]}, {do: "export", source: "/out"}]}""").Append('\n');
        }

        text.Append("last: {#up: [").Append(Fetch).Append(", {do: \"exec\", args: [\"echo\", t7]}]}\n");
        var context = new CueContext();
        var root = context.Compile(text.ToString());
        var start = context.Work;
        var plan = new CuePlan(root);
        var whole = context.Work - start;
        Assert.AreEqual(201, plan.TaskPaths().Count);

        start = context.Work;
        plan.Fill("t7", new ExportedValue("\"seven\""));
        var fill = context.Work - start;

        Assert.IsNotNull(plan.DecodePipeline("last").Ops);
        Assert.IsTrue(fill.VerticesEvaluated * 20 < whole.VerticesEvaluated, $"a fill evaluated {fill}, the whole plan {whole}");
    }
}
