using Dagger.Engine.UnitTests.Compilation;
using Dagger.Runtime.Engine.Compilation;
using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Events;
using Dagger.Runtime.Engine.Ops;
using Dagger.Runtime.Engine.Runs;
using Dagger.Runtime.Engine.Scheduling;

namespace Dagger.Engine.UnitTests.Scheduling;

[TestClass]
public sealed class SchedulerTests
{
    private static readonly FakeImageResolver Images = new(new Dictionary<string, string>
    {
        ["docker.io/dagger-test/busybox:latest"] = """{"config":{"Env":["PATH=/bin"]}}""",
    });

    private static PipelineDecoding Producer(string path, string value, bool always = false) => PipelineDecoding.Ready([
        new FetchContainerOp(new OpSource(path + ".#up[0]"), "dagger-test/busybox"),
        new ExecOp(new OpSource(path + ".#up[1]"), ["sh", "-c", $"printf '{value}' > /out"]) { Always = always },
        new ExportOp(new OpSource(path + ".#up[2]"), "/out"),
    ]);

    private static PipelineDecoding Effect(string path, params PipelineOp[] extra) => PipelineDecoding.Ready([
        new FetchContainerOp(new OpSource(path + ".#up[0]"), "dagger-test/busybox"),
        new ExecOp(new OpSource(path + ".#up[1]"), ["sh", "-c", "true"]),
        .. extra,
    ]);

    private static async Task<(RunReport Report, FakeSolver Solver, List<RunEvent> Events)> RunAsync(FakePlan plan, SchedulerOptions? options = null)
    {
        var solver = new FakeSolver();
        var events = new List<RunEvent>();
        var scheduler = new Scheduler(plan, new PipelineCompiler(new CompileOptions(), Images), solver, options, e => events.Add(e));
        return (await scheduler.RunAsync(CancellationToken.None), solver, events);
    }

    private static FakePlan DependencyPlan() => new FakePlan()
        .Task("A", _ => Producer("A", "from A"))
        .Task("B", filled => filled.TryGetValue("A", out var a) ? Producer("B", "dependency " + a) : PipelineDecoding.Waiting(["A"]))
        .Task("C", filled => filled.TryGetValue("input", out var i) ? Producer("C", i) : PipelineDecoding.Waiting(["input"]))
        .Task("D", _ => Effect("D"));

    [TestMethod]
    public async Task Exports_unblock_dependants_wave_by_wave_and_effects_run_together_at_the_end()
    {
        var plan = DependencyPlan();
        var (report, solver, events) = await RunAsync(plan);

        Assert.AreEqual("\"from A\"", report.Computed["A"]);
        Assert.AreEqual("\"dependency from A\"", report.Computed["B"]);
        CollectionAssert.AreEqual(new[] { "A", "B" }, plan.FillOrder);
        Assert.AreEqual(2, report.Waves);
        Assert.AreEqual(3, report.Solves, "export dependency depth (2) + 1 for the side effects");
        Assert.AreEqual(2, report.Fills);
        Assert.HasCount(3, solver.Requests);
        Assert.HasCount(1, solver.Requests[0].Reads);
        Assert.HasCount(1, solver.Requests[1].Reads);
        Assert.HasCount(1, solver.Requests[2].Effects, "D runs only for its side effects");

        var skipped = report.Skipped.Single();
        Assert.AreEqual("C", skipped.Path);
        CollectionAssert.AreEqual(new[] { "input" }, skipped.WaitingFor.ToArray());
        var warning = events.OfType<TaskSkipped>().Single();
        Assert.AreEqual("C", warning.Path);
        CollectionAssert.AreEqual(new[] { "input" }, warning.WaitingFor.ToArray());
        CollectionAssert.AreEqual(new[] { "A", "D", "B" }, events.OfType<TaskStarted>().Select(e => e.Path).ToArray());
        CollectionAssert.AreEqual(new[] { "A", "B", "D" }, events.OfType<TaskCompleted>().Select(e => e.Path).ToArray(), "D runs only for its effects, which are solved last");
        CollectionAssert.AreEqual(new[] { "A" }, events.OfType<TaskCompleted>().Single(e => e.Path == "A").Exports.ToArray());
        Assert.IsEmpty(events.OfType<TaskCompleted>().Single(e => e.Path == "D").Exports);
        CollectionAssert.AreEqual(
            new[] { ("A", TaskState.Computed), ("B", TaskState.Computed), ("C", TaskState.Skipped), ("D", TaskState.Computed) },
            report.Tasks.Select(t => (t.Path, t.Status)).ToArray());
        Assert.IsNull(report.Failure);
    }

    private static FakePlan ChainPlan(int length, Func<int, IReadOnlyList<string>> dependencies)
    {
        var plan = new FakePlan();
        for (var i = 0; i < length; i++)
        {
            var previous = i == 0 ? null : $"T{i - 1}";
            var path = $"T{i}";
            var value = $"link {i}";
            plan.Task(path, filled => previous is null || filled.ContainsKey(previous) ? Producer(path, value) : PipelineDecoding.Waiting([previous]));
            plan.Dependencies[path] = dependencies(i);
        }

        return plan;
    }

    [TestMethod]
    public async Task A_waiting_task_is_decoded_again_only_after_a_task_it_depends_on_was_filled()
    {
        var plan = ChainPlan(6, i => i == 0 ? [] : [$"T{i - 1}"]);
        var (report, _, _) = await RunAsync(plan);

        Assert.AreEqual("\"link 5\"", report.Computed["T5"]);
        Assert.AreEqual(6, report.Waves);
        // Once when the run starts (waiting), once when the task before it was filled (ready): not once per wave.
        CollectionAssert.AreEqual(new[] { 1, 2, 2, 2, 2, 2 }, Enumerable.Range(0, 6).Select(i => plan.Decodes[$"T{i}"]).ToArray());
    }

    [TestMethod]
    public async Task A_dependency_the_plan_does_not_report_still_runs_every_task_in_order()
    {
        // Each task names the wrong dependency (a task that is filled first, or none): the pass over every task that
        // follows a wave with nothing ready finds them.
        var plan = ChainPlan(4, i => i == 0 ? [] : ["T0"]);
        var (report, _, _) = await RunAsync(plan);

        CollectionAssert.AreEqual(new[] { "T0", "T1", "T2", "T3" }, plan.FillOrder);
        Assert.AreEqual("\"link 3\"", report.Computed["T3"]);
        Assert.AreEqual(4, report.Waves);
        Assert.IsEmpty(report.Skipped);
    }

    [TestMethod]
    public async Task Independent_exports_are_read_in_one_solve()
    {
        var plan = new FakePlan();
        for (var i = 1; i <= 10; i++)
        {
            var path = $"TestExportConcurrency{i}";
            var value = $"lol{i}";
            plan.Task(path, _ => Producer(path, value, always: true));
        }

        var (report, solver, _) = await RunAsync(plan);
        Assert.AreEqual(1, report.Solves);
        Assert.AreEqual(1, report.Waves);
        Assert.HasCount(10, solver.Requests.Single().Reads);
        Assert.AreEqual("\"lol7\"", report.Computed["TestExportConcurrency7"]);
    }

    [TestMethod]
    public async Task A_pipeline_referenced_twice_runs_once_and_yields_one_value()
    {
        // rand: always-true random value; ref1 and ref2 are the same pipeline reached through references.
        var plan = new FakePlan()
            .Task("rand", _ => Producer("rand", "r4nd0m", always: true))
            .Task("ref1", _ => Producer("rand", "r4nd0m", always: true))
            .Task("ref2", _ => Producer("rand", "r4nd0m", always: true));
        var (report, solver, _) = await RunAsync(plan);
        Assert.HasCount(1, solver.Requests.Single().Reads, "one read for one distinct definition and file");
        Assert.AreEqual(report.Computed["rand"], report.Computed["ref1"]);
        Assert.AreEqual(report.Computed["rand"], report.Computed["ref2"]);
    }

    [TestMethod]
    public async Task Load_splices_another_pipeline_and_waits_while_it_is_not_concrete()
    {
        var plan = new FakePlan()
            .Task("base", _ => Producer("base", "base value"))
            .Task("app", _ => PipelineDecoding.Ready([
                new LoadOp(new OpSource("app.#up[0]"), new PipelineReference("base")),
                new ExecOp(new OpSource("app.#up[1]"), ["sh", "-c", "printf 'app on base' > /out"]),
                new ExportOp(new OpSource("app.#up[2]"), "/out"),
            ]))
            .Task("later", _ => PipelineDecoding.Ready([new LoadOp(new OpSource("later.#up[0]"), new PipelineReference("notyet"))]))
            .Value("notyet", _ => PipelineDecoding.Waiting(["notyet.version"]));
        var (report, solver, _) = await RunAsync(plan);
        Assert.AreEqual("\"app on base\"", report.Computed["app"]);
        var appRead = solver.Requests[0].Reads.Single(r => FakeSolver.Printed(r.State) == "app on base");
        StringAssert.Contains(appRead.State.Marshal().ToJson(), "base value", "base's ops are part of app's graph");
        var later = report.Skipped.Single();
        Assert.AreEqual("later", later.Path);
        CollectionAssert.AreEqual(new[] { "notyet.version" }, later.WaitingFor.ToArray());
    }

    [TestMethod]
    public async Task Ops_after_the_last_export_still_run()
    {
        var plan = new FakePlan().Task("t", _ => PipelineDecoding.Ready([
            .. Producer("t", "v").Ops!,
            new ExecOp(new OpSource("t.#up[3]"), ["sh", "-c", "echo after"]),
        ]));
        var (report, solver, _) = await RunAsync(plan);
        Assert.AreEqual(2, report.Solves);
        StringAssert.Contains(solver.Requests[1].Effects.Single().Marshal().ToJson(), "echo after");
    }

    [TestMethod]
    public async Task An_export_that_breaks_a_constraint_fails_naming_the_task()
    {
        var plan = new FakePlan().Task("TestExportStringValidation", _ => Producer("TestExportStringValidation", "something"));
        plan.Constraints["TestExportStringValidation"] = v => v.StartsWith("NAAAA", StringComparison.Ordinal);
        var (report, _, events) = await RunAsync(plan);
        var e = (PlanException)report.Failure!;
        Assert.AreEqual(ErrorCodes.ExportMismatch, e.Code);
        StringAssert.StartsWith(e.Message, "TestExportStringValidation: the exported value \"something\" does not fit: conflicting values");
        var failed = events.OfType<TaskFailed>().Single();
        Assert.AreEqual("TestExportStringValidation", failed.Path);
        Assert.AreEqual(e.Message, failed.Error.Message);
        Assert.AreEqual(TaskState.Failed, report.Tasks.Single().Status);
    }

    [TestMethod]
    public async Task A_task_stopped_by_another_tasks_failure_says_which_one()
    {
        var plan = new FakePlan()
            .Task("bad", _ => Producer("bad", "something"))
            .Task("effect", _ => Effect("effect"));
        plan.Constraints["bad"] = v => v.StartsWith("NAAAA", StringComparison.Ordinal);

        var (report, _, events) = await RunAsync(plan);

        Assert.AreEqual(ErrorCodes.ExportMismatch, report.Failure?.Code);
        var cancelled = events.OfType<TaskCancelled>().Single();
        Assert.AreEqual("effect", cancelled.Path);
        Assert.AreEqual("cancelled because bad failed", cancelled.Message);
        Assert.AreEqual(EventLevel.Info, cancelled.Level, "the failure is the problem to report, not each task it stopped");
        Assert.AreEqual(TaskState.Cancelled, report.Tasks.Single(t => t.Path == "effect").Status);
    }

    [TestMethod]
    public async Task Pipelines_that_load_each_other_are_a_cycle()
    {
        var plan = new FakePlan()
            .Task("a", _ => PipelineDecoding.Ready([new LoadOp(new OpSource("a.#up[0]"), new PipelineReference("b"))]))
            .Value("b", _ => PipelineDecoding.Ready([new LoadOp(new OpSource("b.#up[0]"), new PipelineReference("a"))]));
        var (report, _, _) = await RunAsync(plan);
        Assert.AreEqual(ErrorCodes.PipelineCycle, report.Failure?.Code);
        StringAssert.Contains(report.Failure!.Message, "cycle");
    }

    [TestMethod]
    public async Task Solve_per_op_reproduces_the_original_strategy_with_the_same_results()
    {
        var (waves, _, _) = await RunAsync(DependencyPlan());
        var (perOp, solver, _) = await RunAsync(DependencyPlan(), new SchedulerOptions { SolvePerOp = true });
        CollectionAssert.AreEquivalent(waves.Computed.ToArray(), perOp.Computed.ToArray());
        Assert.AreEqual(8, perOp.Solves, "one solve per op: A (3), B (3), D (2)");
        Assert.IsTrue(solver.Requests.All(r => r.Reads.Count + r.Effects.Count == 1));
        Assert.IsGreaterThan(waves.Solves, perOp.Solves);
    }
}
