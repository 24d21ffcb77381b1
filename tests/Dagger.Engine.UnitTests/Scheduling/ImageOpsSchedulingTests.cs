using Dagger.Engine.UnitTests.Compilation;
using Dagger.Runtime.Engine.Compilation;
using Dagger.Runtime.Engine.Events;
using Dagger.Runtime.Engine.Ops;
using Dagger.Runtime.Engine.Scheduling;

namespace Dagger.Engine.UnitTests.Scheduling;

[TestClass]
public sealed class ImageOpsSchedulingTests
{
    private static readonly FakeImageResolver Images = new(new Dictionary<string, string>
    {
        ["docker.io/dagger-test/busybox:latest"] = """{"config":{"Env":["PATH=/bin"]}}""",
    });

    private static OpSource At(string path) => new(path);

    // P pushes and exports its ref; Q pulls what P pushed (after P's value is filled); R loads P.
    private static FakePlan PushPullPlan() => new FakePlan()
        .Task("P", _ => PipelineDecoding.Ready([
            new FetchContainerOp(At("P.#up[0]"), "dagger-test/busybox"),
            new PushContainerOp(At("P.#up[1]"), "127.0.0.1:5000/app:1"),
            new ExecOp(At("P.#up[2]"), ["sh", "-c", "printf 'pushed' > /out"]),
            new ExportOp(At("P.#up[3]"), "/out"),
        ]))
        .Task("Q", filled => filled.ContainsKey("P")
            ? PipelineDecoding.Ready([new FetchContainerOp(At("Q.#up[0]"), "dagger-test/busybox"), new ExecOp(At("Q.#up[1]"), ["sh", "-c", "printf 'pulled' > /out"]), new ExportOp(At("Q.#up[2]"), "/out")])
            : PipelineDecoding.Waiting(["P"]))
        .Task("R", _ => PipelineDecoding.Ready([new LoadOp(At("R.#up[0]"), new PipelineReference("P")), new ExecOp(At("R.#up[1]"), ["true"])]));

    [TestMethod]
    public async Task A_push_happens_once_per_run_even_when_its_pipeline_is_loaded_elsewhere()
    {
        var services = new FakeImageServices();
        var solver = new FakeSolver();
        var report = await new Scheduler(PushPullPlan(), new PipelineCompiler(new CompileOptions(), Images, null, services), solver).RunAsync(CancellationToken.None);
        Assert.HasCount(1, services.Pushes);
        CollectionAssert.AreEquivalent(new[] { "P", "Q" }, report.Computed.Keys.ToArray());
        Assert.IsEmpty(report.Skipped);
    }

    [TestMethod]
    public async Task A_dry_run_names_the_image_op_that_only_a_run_performs()
    {
        var tasks = await new Scheduler(PushPullPlan(), new PipelineCompiler(new CompileOptions(), Images), new FakeSolver()).DryRunAsync(CancellationToken.None);
        var byPath = tasks.ToDictionary(t => t.Path);
        const string reason = "P.#up[1]: push-container acts on the engine, which only a run does";
        CollectionAssert.AreEqual(new[] { reason }, byPath["P"].Missing.ToArray());
        CollectionAssert.AreEqual(new[] { reason }, byPath["R"].Missing.ToArray(), "a pipeline loading it waits for the same reason");
        CollectionAssert.AreEqual(new[] { "P" }, byPath["Q"].Missing.ToArray());
        Assert.IsNull(byPath["P"].Pipeline);
    }

    [TestMethod]
    public async Task A_push_happens_while_its_task_runs_and_counts_as_a_solve()
    {
        var events = new List<RunEvent>();
        List<string>? startedAtPush = null;
        var services = new FakeImageServices { Acting = () => startedAtPush = [.. events.OfType<TaskStarted>().Select(e => e.Task)] };
        var report = await new Scheduler(PushPullPlan(), new PipelineCompiler(new CompileOptions(), Images, null, services), new FakeSolver(), null, events.Add)
            .RunAsync(CancellationToken.None);

        CollectionAssert.Contains(startedAtPush, "P", "P had started when its push was performed");
        var push = events.OfType<SolveCompleted>().First();
        Assert.AreEqual((0, 1), (push.Reads, push.Effects));
        CollectionAssert.AreEqual(new[] { "P" }, push.Tasks.ToArray());
        Assert.AreEqual(events.OfType<SolveCompleted>().Count(), report.Solves);
    }

    [TestMethod]
    public async Task A_task_that_never_gets_what_it_uses_pushes_nothing()
    {
        var plan = new FakePlan()
            .Task("S", _ => PipelineDecoding.Ready([
                new FetchContainerOp(At("S.#up[0]"), "dagger-test/busybox"),
                new PushContainerOp(At("S.#up[1]"), "127.0.0.1:5000/app:1"),
                new CopyOp(At("S.#up[2]"), new PipelineReference("never"), "/", "/"),
            ]))
            .Value("never", _ => PipelineDecoding.Waiting(["input"]));
        var services = new FakeImageServices();
        var report = await new Scheduler(plan, new PipelineCompiler(new CompileOptions(), Images, null, services), new FakeSolver()).RunAsync(CancellationToken.None);

        Assert.IsEmpty(services.Pushes);
        Assert.AreEqual("S", report.Skipped.Single().Path);
    }
}
