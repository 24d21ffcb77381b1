using Dagger.Benchmarks;
using Dagger.Runtime.Cue;
using Dagger.Runtime.Cue.Flow;

namespace Dagger.Cue.UnitTests.Flow;

[TestClass]
public sealed class TaskFlowTests
{
    private static T Run<T>(Func<T> f) => CueContext.RunWithLargeStack(f);

    private static bool HasUp(CueValue v) => v.LookupPath("#up") is not null;

    private static TaskFlow Flow(string source) => new(new CueContext().Compile(source), HasUp);

    private static Dictionary<string, string[]> Graph(TaskFlow flow) =>
        flow.Tasks.ToDictionary(t => t.Path, t => t.Dependencies.ToArray());

    [TestMethod]
    public void FindsTasksInHiddenFieldsDefinitionInstancesAndLists() => Run(() =>
    {
        var flow = Flow("""
            #T: {#up: [{do: "x"}], out: string}
            #Holder: {inner: #T}
            a: #T
            _h: #T
            l: [#T, {x: #T}]
            nested: deeper: #Holder
            plain: {x: 1}
            """);
        CollectionAssert.AreEqual(new[] { "a", "_h", "l.0", "l.1.x", "nested.deeper.inner" }, flow.Tasks.Select(t => t.Path).ToArray());
        Assert.AreEqual(flow.Root.LookupPath("a")!.Path, flow.Tasks[0].Value.Path);
        return 0;
    });

    [TestMethod]
    public void DependenciesThroughOpListsInterpolationsAndIntermediateFields() => Run(() =>
    {
        var flow = Flow("""
            #T: {#up: [...], out: string}
            a: #T
            b: #T & {#up: [{do: "exec", args: ["echo", "\(a.out)"]}]}
            x: c.out
            y: {z: x}
            d: #T & {#up: [{do: "exec", env: {V: y.z}}]}
            c: #T
            e: #T & {#up: [{do: "copy", from: b}]}
            f: #T & {#up: [{do: "x", src: a.out + b.out}]}
            g: #T
            """);
        var deps = Graph(flow);
        var text = string.Join("; ", deps.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => d.Key + ": " + string.Join(",", d.Value.Order(StringComparer.Ordinal))));
        // e copies b's pipeline, which reads a.
        Assert.AreEqual("a: ; b: a; c: ; d: c; e: a,b; f: a,b; g: ", text);
        return 0;
    });

    [TestMethod]
    public void DependencyCycleNamesTheTasks() => Run(() =>
    {
        var flow = Flow("""
            a: {#up: [{do: "x", in: c.out}], out: string}
            b: {#up: [{do: "x", in: a.out}], out: string}
            c: {#up: [{do: "x", in: b.out}], out: string}
            d: {#up: [{do: "x"}]}
            """);
        var e = Assert.ThrowsExactly<TaskCycleException>(() => flow.Tasks);
        Assert.AreEqual("task dependency cycle: a -> c -> b -> a", e.Message);
        CollectionAssert.AreEqual(new[] { "a", "c", "b" }, e.Cycle.ToArray());
        return 0;
    });

    [TestMethod]
    public void FillMakesDependantsConcreteAndRediscoversTasks() => Run(() =>
    {
        var flow = Flow("""
            a: {#up: [{do: "x"}], out: string}
            b: {#up: [{do: "exec", args: [a.out]}]}
            if a.out == "more" {
                c: {#up: [{do: "y"}]}
            }
            """);
        CollectionAssert.AreEqual(new[] { "a", "b" }, flow.TaskPaths().ToArray());
        Assert.IsFalse(flow.Root.LookupPath("b.#up")!.Elements()[0].LookupPath("args")!.Elements()[0].IsConcrete);
        flow.Fill("a.out", "more");
        Assert.IsTrue(flow.Root.LookupPath("b.#up")!.Elements()[0].LookupPath("args")!.Elements()[0].TryGetString(out var s));
        Assert.AreEqual("more", s);
        CollectionAssert.AreEquivalent(new[] { "a", "b", "c" }, flow.TaskPaths().ToArray());
        return 0;
    });

    [TestMethod]
    public void GeneratedPlansMatchWholeEvaluationAfterFills() => Run(() =>
    {
        var plan = PlanGenerator.Generate(30, seed: 7);
        var paths = new[] { "component0000.version", "component0012.command", "component0029.version", "component0005.env.LEVEL", "component0003.retries" };
        foreach (var p in paths)
        {
            var value = p.EndsWith("retries", StringComparison.Ordinal) ? (object)2 : "9.9.9";
            Assert.IsNull(FillEquivalence.Compare(ctx => ctx.Compile(plan), [new FillEquivalence.Step(p, value)]), p);
        }

        Assert.IsNull(FillEquivalence.Compare(ctx => ctx.Compile(plan), paths.Where(p => p.EndsWith("version", StringComparison.Ordinal)).Select(p => new FillEquivalence.Step(p, "2.0.0")).ToList()));
        return 0;
    });

    // Acceptance: a fill on one task re-evaluates its dependants, not the plan.
    [TestMethod]
    public void FillWorkScalesWithDependantsNotPlanSize() => Run(() =>
    {
        static (CueWork Incremental, CueWork Whole) Measure(int size, string path)
        {
            var plan = PlanGenerator.Generate(size);
            var ctx = new CueContext();
            var flow = new TaskFlow(ctx.Compile(plan), HasUp);
            Assert.AreEqual(size, flow.Tasks.Count);
            var before = ctx.Work;
            flow.Fill(path, "7.7.7");
            var incremental = ctx.Work - before;

            var whole = new CueContext();
            var root = whole.Compile(plan);
            root.ToJson();
            before = whole.Work;
            var filled = root.FillPath(path, "7.7.7");
            Assert.AreEqual(filled.ToJson(), flow.Root.ToJson());
            return (incremental, whole.Work - before);
        }

        // The last component is a leaf: nothing references it.
        var leaf100 = Measure(100, "component0099.env.EXTRA");
        var leaf400 = Measure(400, "component0399.env.EXTRA");
        var root100 = Measure(100, "component0000.env.EXTRA");
        Assert.IsTrue(leaf100.Incremental.VerticesEvaluated * 50 < leaf100.Whole.VerticesEvaluated, $"leaf fill in a 100-task plan: {leaf100}");
        Assert.IsTrue(leaf400.Incremental.VerticesEvaluated < leaf100.Incremental.VerticesEvaluated * 2, $"leaf fill, 100 vs 400 tasks: {leaf100.Incremental} vs {leaf400.Incremental}");
        Assert.IsTrue(root100.Incremental.VerticesEvaluated > leaf100.Incremental.VerticesEvaluated * 3, $"the first component has dependants: {root100.Incremental} vs leaf {leaf100.Incremental}");
        Assert.IsTrue(root100.Incremental.VerticesEvaluated < root100.Whole.VerticesEvaluated, $"{root100}");
        return 0;
    });
}
