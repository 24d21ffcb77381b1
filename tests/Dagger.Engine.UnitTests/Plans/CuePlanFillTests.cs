using System.Globalization;
using System.Text;
using Dagger.Runtime.Cue;
using Dagger.Runtime.Engine.Exports;
using Dagger.Runtime.Engine.Ops;
using Dagger.Runtime.Engine.Plans;

namespace Dagger.Engine.UnitTests.Plans;

/// <summary>How a CUE plan takes exported values back: in place, re-evaluating only the tasks that depend on them.</summary>
[TestClass]
public sealed class CuePlanFillTests
{
    private const string Fetch = "{do: \"fetch-container\", ref: \"dagger-test/busybox\"}";

    private static ExportedValue Text(string text) => new(new ExportOp(new OpSource("a.#up[1]"), "/out"), text);

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

        plan.Fill("a", Text("built"));

        Assert.IsNotNull(plan.DecodePipeline("b").Ops);
        Assert.AreEqual("from built", CueContext.RunWithLargeStack(() =>
            plan.Root.LookupPath("b.#up")!.Elements()[1].LookupPath("args")!.Elements()[1].TryGetString(out var s) ? s : "?"));
    }

    [TestMethod]
    public void Conflicting_export_is_a_plan_error_naming_the_values()
    {
        var plan = new CuePlan(new CueContext().Compile($$"""a: {int, #up: [{{Fetch}}, {do: "export", source: "/out"}]}"""));
        plan.TaskPaths();
        var e = Assert.ThrowsExactly<Dagger.Runtime.Engine.Scheduling.PlanException>(() => plan.Fill("a", Text("text")));
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
        plan.Fill("t7", Text("seven"));
        var fill = context.Work - start;

        Assert.IsNotNull(plan.DecodePipeline("last").Ops);
        Assert.IsTrue(fill.VerticesEvaluated * 20 < whole.VerticesEvaluated, $"a fill evaluated {fill}, the whole plan {whole}");
    }

    [TestMethod]
    public void A_yaml_export_is_filled_as_encoding_yaml_reads_it_and_reported_as_json()
    {
        var plan = new CuePlan(new CueContext().Compile($$"""
            a: {#up: [{{Fetch}}, {do: "export", source: "/out", format: "yaml"}]}
            b: {#up: [{{Fetch}}, {do: "exec", args: ["echo", "\(a.n + 1) \(a.o) \(a.s)"]}]}
            """));
        plan.TaskPaths();

        var json = plan.Fill("a", new ExportedValue(new ExportOp(new OpSource("a.#up[1]"), "/out", ExportFormat.Yaml), "n: 1_000\no: 0o17\nf: .5\ns: yes\n"));

        Assert.AreEqual("{\"n\":1000,\"o\":15,\"f\":0.5,\"s\":\"yes\"}", json);
        Assert.AreEqual("1001 15 yes", CueContext.RunWithLargeStack(() =>
            plan.Root.LookupPath("b.#up")!.Elements()[1].LookupPath("args")!.Elements()[1].TryGetString(out var s) ? s : "?"));
    }
}
