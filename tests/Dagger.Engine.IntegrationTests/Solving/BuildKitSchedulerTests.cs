using Dagger.Engine.UnitTests.Scheduling;
using Dagger.Runtime.BuildKit;
using Dagger.Runtime.Engine.Compilation;
using Dagger.Runtime.Engine.Ops;
using Dagger.Runtime.Engine.Scheduling;
using Dagger.Runtime.Engine.Solving;
using Dagger.TestRig;

namespace Dagger.Engine.IntegrationTests.Solving;

/// <summary>The scheduler and compiler on the real engine, with the rig's local images.</summary>
[TestClass]
public sealed class BuildKitSchedulerTests
{
    public TestContext TestContext { get; set; } = null!;

    private static OpSource At(string path) => new(path, "plan.cue:1:1");

    private static PipelineDecoding Producer(string path, string image, string script, params ExecMountSpec[] mounts) => PipelineDecoding.Ready([
        new FetchContainerOp(At(path + ".#up[0]"), image),
        new ExecOp(At(path + ".#up[1]"), ["sh", "-c", script]) { Mounts = mounts },
        new ExportOp(At(path + ".#up[2]"), "/tmp/out"),
    ]);

    private async Task<RunReport> RunAsync(FakePlan plan, SchedulerOptions? options = null)
    {
        var ct = TestContext.CancellationToken;
        await using var client = await BuildKitClient.ConnectAsync(Rig.Current.Engine, cancellationToken: ct);
        await using var session = await client.StartBuildAsync(cancellationToken: ct);
        var compiler = new PipelineCompiler(
            new CompileOptions { ExecNetwork = client.ExecNetwork },
            new BuildKitImageResolver(session));
        var report = await new Scheduler(plan, compiler, new BuildKitSolver(session, new VertexTable()), options).RunAsync(ct);
        await session.CompleteAsync(ct);
        return report;
    }

    [TestMethod]
    public async Task A_plan_runs_in_one_solve_per_export_wave_plus_one_for_effects()
    {
        var plan = new FakePlan()
            .Task("A", _ => Producer("A", "dagger-test/busybox", "printf 'from A' > /tmp/out"))
            .Task("B", filled => filled.ContainsKey("A")
                ? Producer("B", "dagger-test/busybox", "printf 'dependency %s' \"$DATA\" > /tmp/out")
                : PipelineDecoding.Waiting(["A"]))
            .Task("C", _ => Producer("C", "dagger-test/config", "printf '%s|%s|%s' \"$(id -un)\" \"$PWD\" \"$GREETING\" > /tmp/out"))
            .Task("D", _ => PipelineDecoding.Ready([
                new FetchContainerOp(At("D.#up[0]"), "dagger-test/busybox"),
                new ExecOp(At("D.#up[1]"), ["sh", "-c", "echo side effect"]),
            ]));

        var report = await RunAsync(plan);

        Assert.AreEqual("\"from A\"", report.Computed["A"]);
        Assert.AreEqual("\"dependency \"", report.Computed["B"], "B's script reads DATA, which this plan does not set");
        Assert.AreEqual($"\"{TestImages.ConfigUser}|{TestImages.ConfigWorkdir}|{TestImages.ConfigGreeting}\"", report.Computed["C"]);
        Assert.AreEqual(2, report.Waves);
        Assert.AreEqual(3, report.Solves);
        Assert.IsEmpty(report.Skipped);
    }

    [TestMethod]
    public async Task Exported_values_flow_into_dependants_through_env()
    {
        var plan = new FakePlan()
            .Task("A", _ => Producer("A", "dagger-test/busybox", "printf 'from A' > /tmp/out"))
            .Task("B", filled => filled.TryGetValue("A", out var a)
                ? PipelineDecoding.Ready([
                    new FetchContainerOp(At("B.#up[0]"), "dagger-test/busybox"),
                    new ExecOp(At("B.#up[1]"), ["sh", "-c", "printf 'dependency %s' \"$DATA\" > /tmp/out"]) { Env = new Dictionary<string, string> { ["DATA"] = a } },
                    new ExportOp(At("B.#up[2]"), "/tmp/out"),
                ])
                : PipelineDecoding.Waiting(["A"]));
        var report = await RunAsync(plan);
        Assert.AreEqual("\"dependency from A\"", report.Computed["B"]);
    }

    [TestMethod]
    public async Task A_missing_export_file_is_attributed_to_its_export_op()
    {
        var plan = new FakePlan()
            .Task("ok", _ => Producer("ok", "dagger-test/busybox", "printf ok > /tmp/out"))
            .Task("bad", _ => PipelineDecoding.Ready([
                new FetchContainerOp(At("bad.#up[0]"), "dagger-test/busybox"),
                new ExportOp(At("bad.#up[1]"), "/tmp/lalala"),
            ]));
        var e = (RunFailedException)(await RunAsync(plan)).Failure!;
        Assert.AreEqual("bad.#up[1]", e.Op?.Path, "the failing vertex is the export op's");
        Assert.AreEqual(ErrorCodes.ExportUnreadable, e.Code);
        StringAssert.StartsWith(e.Message, "bad.#up[1]: export /tmp/lalala: ");
    }

    [TestMethod]
    public async Task A_failing_exec_reports_its_exit_code_and_op()
    {
        var plan = new FakePlan().Task("fails", _ => Producer("fails", "dagger-test/busybox", "exit 123"));
        var e = (RunFailedException)(await RunAsync(plan)).Failure!;
        Assert.AreEqual(123, e.CommandExitCode);
        Assert.AreEqual(123, e.ExitCode);
        Assert.AreEqual(ErrorCodes.ExecFailed, e.Code);
        StringAssert.StartsWith(e.Message, "fails.#up[1]: exec sh -c exit 123: exited with code 123");
    }

    [TestMethod]
    public async Task Solve_per_op_gives_the_same_values_with_more_solves()
    {
        static FakePlan Plan() => new FakePlan()
            .Task("A", _ => Producer("A", "dagger-test/busybox", "printf one > /tmp/out"))
            .Task("B", _ => Producer("B", "dagger-test/busybox", "printf two > /tmp/out"));
        var waves = await RunAsync(Plan());
        var perOp = await RunAsync(Plan(), new SchedulerOptions { SolvePerOp = true });
        CollectionAssert.AreEquivalent(waves.Computed.ToArray(), perOp.Computed.ToArray());
        Assert.AreEqual(1, waves.Solves);
        Assert.AreEqual(6, perOp.Solves);
    }

    [TestMethod]
    public async Task An_unknown_image_fails_at_its_fetch_op()
    {
        var plan = new FakePlan().Task("t", _ => Producer("t", "dagger-test/doesnotexist", "true"));
        var e = (OpException)(await RunAsync(plan)).Failure!;
        Assert.AreEqual(ErrorCodes.ImageNotFound, e.Code);
        StringAssert.StartsWith(e.Message, "t.#up[0]: cannot fetch image \"dagger-test/doesnotexist\"");
    }
}
