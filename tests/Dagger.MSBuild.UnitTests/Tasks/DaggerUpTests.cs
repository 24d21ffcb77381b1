using Dagger.MSBuild.UnitTests.Support;
using Microsoft.Build.Framework;

namespace Dagger.MSBuild.UnitTests.Tasks;

/// <summary>Tier 1: <see cref="DaggerUp"/> against a fake build engine and a fake tool that prints canned v1 streams.</summary>
[TestClass]
public sealed class DaggerUpTests
{
    private static readonly string[] PlanArguments = ["up", "-p", Streams.Plan, "--input-string", "name=Bob"];

    [TestMethod]
    public void A_failed_exec_is_one_coded_error_at_its_span_with_the_last_output_lines()
    {
        using var tool = FakeTool.Create(Streams.Of(Streams.RunStarted, Streams.TaskStarted, Streams.TaskLog, Streams.TaskFailed, Streams.RunFailed), exitCode: 1);
        var (task, engine) = NewTask(tool);

        Assert.IsFalse(task.Execute(), engine.Transcript);

        var error = engine.Errors.Single();
        Assert.AreEqual("DAG4001", error.Code);
        Assert.AreEqual("/src/ci/main.cue", error.File);
        Assert.AreEqual((9, 3, 11, 4), (error.LineNumber, error.ColumnNumber, error.EndLineNumber, error.EndColumnNumber));
        Assert.AreEqual("test.#up[1]: exec sh -c 'go test': exited with code 1\n  | ok   pkg/a\n  | FAIL: TestParse {0}", error.Message);
        Assert.IsNull(error.Subcategory);
    }

    [TestMethod]
    public void Progress_is_at_normal_importance_container_output_at_low_and_the_counts_at_high()
    {
        using var tool = FakeTool.Create(Streams.Of(Streams.RunStarted, Streams.TaskStarted, Streams.TaskLog, Streams.TaskCompleted, Streams.RunSucceeded));
        var (task, engine) = NewTask(tool);

        Assert.IsTrue(task.Execute(), engine.Transcript);

        Assert.AreEqual(MessageImportance.Normal, Importance(engine, "[test] computing"));
        Assert.AreEqual(MessageImportance.Normal, Importance(engine, "[test] completed in 0.68s"));
        Assert.AreEqual(MessageImportance.Low, Importance(engine, "[test] FAIL: TestParse {0}"));
        Assert.AreEqual(
            MessageImportance.High,
            Importance(engine, "dagger ci: succeeded in 0.92s: 2 tasks (1 computed, 1 skipped, 0 failed, 0 cancelled); 3 solves, 2 waves, 1 fills"));
        Assert.AreEqual(0, engine.Errors.Count);
    }

    [TestMethod]
    public void Outputs_come_back_as_items_strings_as_they_are_other_values_as_json()
    {
        using var tool = FakeTool.Create(Streams.Of(Streams.RunStarted, Streams.RunSucceeded));
        var (task, engine) = NewTask(tool);

        Assert.IsTrue(task.Execute(), engine.Transcript);

        var outputs = task.Outputs.ToDictionary(o => o.GetMetadata("Path"), o => o.GetMetadata("Value"));
        Assert.AreEqual("sha256:0123;abc", outputs["app.digest"]);
        Assert.AreEqual("""{"count":3,"names":["a","b"]}""", outputs["app.replicas"]);
        Assert.AreEqual("", outputs["app.pending"]);
        Assert.IsTrue(task.Outputs.All(o => o.GetMetadata("Plan") == "ci"));
        Assert.AreEqual("app.digest", task.Outputs[0].ItemSpec);
        Assert.AreEqual(MessageImportance.High, Importance(engine, "dagger ci: output app.digest = sha256:0123;abc"));
    }

    [TestMethod]
    public void A_conflict_names_both_places_and_a_skipped_task_is_a_warning_with_what_it_waits_for()
    {
        using var tool = FakeTool.Create(Streams.Of(Streams.RunStarted, Streams.Conflict, Streams.TaskSkipped, Streams.RunFailed), exitCode: 1);
        var (task, engine) = NewTask(tool);

        Assert.IsFalse(task.Execute());

        var error = engine.Errors.Single();
        Assert.AreEqual("DAG1002", error.Code);
        Assert.AreEqual(("/src/ci/main.cue", 29, 12, 29, 14), (error.File, error.LineNumber, error.ColumnNumber, error.EndLineNumber, error.EndColumnNumber));
        Assert.AreEqual("app.port: conflicting values 80 and \"http\"\n  see also /shared/values.cue(4,8)", error.Message);
        var warning = engine.Warnings.Single();
        Assert.AreEqual("DAG2003", warning.Code);
        Assert.AreEqual(("/src/ci/deploy/deploy.cue", 3, 2, 3, 20), (warning.File, warning.LineNumber, warning.ColumnNumber, warning.EndLineNumber, warning.EndColumnNumber));
        StringAssert.EndsWith(warning.Message, "(waiting for registry.token, app.host)");
    }

    [TestMethod]
    public void An_error_with_no_place_in_the_source_is_shown_at_the_plan_folder()
    {
        using var tool = FakeTool.Create(Streams.Of(Streams.RunStarted, Streams.EngineUnreachable), exitCode: 1);
        var (task, engine) = NewTask(tool);

        Assert.IsFalse(task.Execute());

        var error = engine.Errors.Single();
        Assert.AreEqual(("DAG3001", "/src/ci", 0), (error.Code, error.File, error.LineNumber));
    }

    [TestMethod]
    public void The_run_error_is_reported_when_no_event_reported_it_and_never_twice()
    {
        using var only = FakeTool.Create(Streams.Of(Streams.RunStarted, Streams.RunFailed), exitCode: 1);
        var (task, engine) = NewTask(only);
        Assert.IsFalse(task.Execute());
        Assert.AreEqual(("DAG4001", 9, 3), (engine.Errors.Single().Code, engine.Errors.Single().LineNumber, engine.Errors.Single().ColumnNumber));

        using var both = FakeTool.Create(Streams.Of(Streams.RunStarted, Streams.TaskFailed, Streams.RunFailed), exitCode: 1);
        (task, engine) = NewTask(both);
        Assert.IsFalse(task.Execute());
        Assert.AreEqual(1, engine.Errors.Count, engine.Transcript);
    }

    [TestMethod]
    public void A_failure_without_an_error_event_is_one_coded_error_with_the_last_lines_never_a_bare_exit_code()
    {
        using var tool = FakeTool.Create("dagger: Unrecognized command or argument '-e'.\nRun 'dagger --help' for usage.\n", exitCode: 2);
        var (task, engine) = NewTask(tool);

        Assert.IsFalse(task.Execute());

        var error = engine.Errors.Single();
        Assert.AreEqual("DAG7003", error.Code);
        Assert.AreEqual(
            "dagger ci: the tool exited with code 2 without reporting an error; its last lines:\n  dagger: Unrecognized command or argument '-e'.\n  Run 'dagger --help' for usage.",
            error.Message);
        Assert.IsFalse(engine.Errors.Any(e => e.Code.StartsWith("MSB", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Garbage_output_is_shown_as_it_is_and_the_exit_code_decides()
    {
        const string garbage = "Unhandled exception. System.TypeLoadException: {boom}\n{\"not\": \"an event\"}\n{\"v\":1,\"event\":\n\u0001\u0002 binary\n";
        using var fine = FakeTool.Create(garbage);
        var (task, engine) = NewTask(fine);
        Assert.IsTrue(task.Execute(), engine.Transcript);
        Assert.IsTrue(engine.Messages.Any(m => m.Message == "Unhandled exception. System.TypeLoadException: {boom}"), engine.Transcript);
        Assert.IsTrue(engine.Messages.Any(m => m.Message == "{\"v\":1,\"event\":"), engine.Transcript);

        using var crashed = FakeTool.Create(garbage, exitCode: 134);
        (task, engine) = NewTask(crashed);
        Assert.IsFalse(task.Execute());
        var error = engine.Errors.Single();
        Assert.AreEqual("DAG7003", error.Code);
        StringAssert.Contains(error.Message, "exited with code 134");
        StringAssert.Contains(error.Message, "  Unhandled exception. System.TypeLoadException: {boom}");
    }

    [TestMethod]
    public void An_unknown_schema_version_is_a_warning_and_the_rest_is_plain_text()
    {
        var v2 = Streams.TaskFailed.Replace("\"v\":1", "\"v\":2", StringComparison.Ordinal);
        using var tool = FakeTool.Create(Streams.Of(v2, Streams.TaskFailed), exitCode: 1);
        var (task, engine) = NewTask(tool);

        Assert.IsFalse(task.Execute());

        Assert.HasCount(1, engine.Warnings, engine.Transcript);
        Assert.AreEqual("DAG7004", engine.Warnings.Single().Code);
        StringAssert.Contains(engine.Warnings.Single().Message, "schema version 2");
        Assert.AreEqual("DAG7003", engine.Errors.Single().Code, engine.Transcript);
    }

    [TestMethod]
    public void A_missing_tool_is_a_coded_error_that_names_the_path()
    {
        var (task, engine) = NewTask(tool: null, daggerTool: "/nonexistent/tools/net10.0/dagger.dll");

        Assert.IsFalse(task.Execute());

        var error = engine.Errors.Single();
        Assert.AreEqual("DAG7001", error.Code);
        StringAssert.Contains(error.Message, "/nonexistent/tools/net10.0/dagger.dll");
    }

    [TestMethod]
    public void A_tool_assembly_runs_through_the_dotnet_host_with_roll_forward_and_json_logs()
    {
        // The fake host stands in for dotnet: it records "exec --roll-forward Major DLL up ...".
        using var host = FakeTool.Create(Streams.Of(Streams.RunStarted, Streams.RunSucceeded));
        var dll = Path.Combine(host.Folder, "dagger.dll");
        File.WriteAllText(dll, "");
        var (task, engine) = NewTask(tool: null, daggerTool: dll);
        task.DotNetHostPath = host.Path;

        Assert.IsTrue(task.Execute(), engine.Transcript);

        CollectionAssert.AreEqual(
            new[] { "exec", "--roll-forward", "Major", dll }.Concat(PlanArguments).Concat(["--log-format", "json"]).ToList(),
            host.Arguments.ToList());
    }

    [TestMethod]
    public void Arguments_reach_the_tool_exactly_even_with_quotes_spaces_and_backslashes()
    {
        using var tool = FakeTool.Create(Streams.Of(Streams.RunStarted, Streams.RunSucceeded));
        string[] arguments = ["up", "-p", "/src/my plan", "--input-string", "a=say \"hi\" \\ \\\"", "--input-string", "b=", "--input-string", "c=trailing\\"];
        var (task, engine) = NewTask(tool, new PlanRequest("ci", "/src/my plan", arguments, DryRun: false));

        Assert.IsTrue(task.Execute(), engine.Transcript);

        CollectionAssert.AreEqual(arguments.Concat(["--log-format", "json"]).ToList(), tool.Arguments.ToList());
    }

    [TestMethod]
    public void Each_task_and_the_run_are_recorded_as_structured_events()
    {
        using var tool = FakeTool.Create(Streams.Of(Streams.RunStarted, Streams.TaskStarted, Streams.TaskCompleted, Streams.RunSucceeded));
        var (task, engine) = NewTask(tool);

        Assert.IsTrue(task.Execute());

        var events = engine.CustomEvents.OfType<ExtendedCustomBuildEventArgs>().ToList();
        Assert.AreEqual(2, events.Count);
        Assert.AreEqual("Dagger.Task", events[0].ExtendedType);
        Assert.AreEqual("test", events[0].ExtendedMetadata!["task"]);
        Assert.AreEqual("task.completed", events[0].ExtendedMetadata!["event"]);
        Assert.AreEqual("0.68", events[0].ExtendedMetadata!["duration"]);
        Assert.AreEqual("true", events[0].ExtendedMetadata!["cached"]);
        Assert.AreEqual("ci", events[0].ExtendedMetadata!["plan"]);
        Assert.AreEqual("Dagger.Run", events[1].ExtendedType);
        Assert.AreEqual("success", events[1].ExtendedMetadata!["result"]);
    }

    [TestMethod]
    public void The_log_level_chooses_which_events_are_logged()
    {
        var stream = Streams.Of(Streams.RunStarted, Streams.TaskStarted, Streams.OpStarted, Streams.TaskSkipped, Streams.TaskCompleted, Streams.RunSucceeded);
        using var tool = FakeTool.Create(stream);

        var (task, engine) = NewTask(tool, logLevel: "debug");
        Assert.IsTrue(task.Execute());
        Assert.AreEqual(MessageImportance.Low, Importance(engine, "[test] exec sh -c make"));

        (task, engine) = NewTask(tool);
        Assert.IsTrue(task.Execute());
        Assert.IsFalse(engine.Messages.Any(m => m.Message!.Contains("exec sh -c make", StringComparison.Ordinal)));
        Assert.IsTrue(engine.Messages.Any(m => m.Message == "[test] computing"));

        (task, engine) = NewTask(tool, logLevel: "warn");
        Assert.IsTrue(task.Execute());
        Assert.IsFalse(engine.Messages.Any(m => m.Message == "[test] computing"));
        Assert.AreEqual(1, engine.Warnings.Count);
        Assert.IsTrue(engine.Messages.Any(m => m.Importance == MessageImportance.High && m.Message!.StartsWith("dagger ci: succeeded", StringComparison.Ordinal)));

        (task, engine) = NewTask(tool, logLevel: "verbose");
        Assert.IsFalse(task.Execute());
        Assert.AreEqual("DAG7006", engine.Errors.Single().Code);
    }

    [TestMethod]
    public void A_dry_run_shows_what_the_tool_prints_at_high_importance()
    {
        using var tool = FakeTool.Create("", stdout: "{\n  \"tasks\": [\"greeting\"]\n}\n");
        var (task, engine) = NewTask(tool, new PlanRequest("ci", Streams.Plan, ["up", "-p", Streams.Plan, "--dry-run"], DryRun: true));

        Assert.IsTrue(task.Execute(), engine.Transcript);

        Assert.AreEqual(MessageImportance.High, Importance(engine, "  \"tasks\": [\"greeting\"]"));
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Cancelling_interrupts_the_tool_which_reports_the_cancellation_within_seconds()
    {
        using var tool = FakeTool.Create(Streams.Of(Streams.RunStarted, Streams.TaskStarted), onInterrupt: Streams.Of(Streams.TaskCancelled, Streams.RunCancelled));
        var (task, engine) = NewTask(tool);

        var (succeeded, elapsed) = await CancelWhenReady(task, tool);

        Assert.IsFalse(succeeded);
        Assert.IsLessThan(5, elapsed.TotalSeconds);
        Assert.IsTrue(tool.Interrupted, "the tool was killed instead of interrupted");
        Assert.AreEqual("DAG4004", engine.Warnings.Single().Code, engine.Transcript);
        Assert.AreEqual("DAG4004", engine.Errors.Single().Code, engine.Transcript);
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task A_tool_that_does_not_stop_when_interrupted_is_killed_after_the_grace_period()
    {
        using var tool = FakeTool.Create(Streams.Of(Streams.RunStarted, Streams.TaskStarted), ignoreInterrupt: true);
        var (task, engine) = NewTask(tool);
        task.InterruptGrace = TimeSpan.FromSeconds(1);

        var (succeeded, elapsed) = await CancelWhenReady(task, tool);

        Assert.IsFalse(succeeded);
        Assert.IsLessThan(10, elapsed.TotalSeconds);
        Assert.AreEqual("DAG4004", engine.Errors.Single().Code, engine.Transcript);
    }

    private static (DaggerUp Task, FakeBuildEngine Engine) NewTask(FakeTool? tool, PlanRequest? request = null, string? logLevel = null, string? daggerTool = null)
    {
        var engine = new FakeBuildEngine();
        var task = new DaggerUp
        {
            BuildEngine = engine,
            Request = (request ?? new PlanRequest("ci", Streams.Plan, PlanArguments, DryRun: false)).ToProperty(),
            DaggerTool = daggerTool ?? tool!.Path,
            LogLevel = logLevel,
        };
        return (task, engine);
    }

    private static MessageImportance? Importance(FakeBuildEngine engine, string message) =>
        engine.Messages.FirstOrDefault(m => m.Message == message)?.Importance
        ?? throw new AssertFailedException($"no message '{message}' in:\n{engine.Transcript}");

    // Runs the task, cancels it once the tool waits, and measures how long the task then takes to return.
    private static async Task<(bool Succeeded, TimeSpan Elapsed)> CancelWhenReady(DaggerUp task, FakeTool tool)
    {
        var run = Task.Run(task.Execute);
        while (!tool.Ready)
        {
            await Task.Delay(50);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        task.Cancel();
        var succeeded = await run;
        return (succeeded, clock.Elapsed);
    }
}
