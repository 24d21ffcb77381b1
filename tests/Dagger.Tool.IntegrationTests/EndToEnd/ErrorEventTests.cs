using System.Text.Json;
using Dagger.TestRig;

namespace Dagger.Tool.IntegrationTests.EndToEnd;

/// <summary>
/// The errors that front ends point at: each one must reach the JSON event stream with its code and its exact span,
/// and the plain log as <c>FILE:LINE:COL: error CODE: MESSAGE</c>.
/// </summary>
[TestClass]
public sealed class ErrorEventTests
{
    public TestContext TestContext { get; set; } = null!;

    private Task<string> PlanAsync(params (string Name, string Text)[] files) =>
        PlanFolder.CreateAsync("dagger-errors-", files, TestContext.CancellationToken);

    // Runs the plan with JSON logs, then with plain logs; returns the one error event and the plain log.
    private static async Task<(JsonElement Error, JsonElement Completed, int Code, string Plain)> FailAsync(string plan, params string[] extra)
    {
        var (code, _, json) = await DaggerRun.OnRigAsync(["up", "-p", plan, "--log-format", "json", .. extra]);
        var events = json.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        var errors = events.Where(e => e.GetProperty("level").GetString() == "error" && e.GetProperty("event").GetString() != "run.completed").ToList();
        Assert.HasCount(1, errors, json);
        var (plainCode, _, plain) = await DaggerRun.OnRigAsync(["up", "-p", plan, "--log-format", "plain", .. extra]);
        Assert.AreEqual(code, plainCode, "both log formats exit alike");
        return (errors[0], events[^1], code, plain);
    }

    private static void AssertSpan(JsonElement e, string file, int line, int column, int endLine, int endColumn)
    {
        var span = e.GetProperty("span");
        Assert.AreEqual(
            (file, line, column, endLine, endColumn),
            (span.GetProperty("file").GetString(), span.GetProperty("line").GetInt32(), span.GetProperty("column").GetInt32(),
                span.GetProperty("endLine").GetInt32(), span.GetProperty("endColumn").GetInt32()),
            e.GetRawText());
    }

    [TestMethod]
    public async Task A_cue_syntax_error_points_at_the_token_that_broke_the_parse()
    {
        var plan = await PlanAsync(("main.cue", "package main\n\nx: {\n\ta: 1\n\tb: [1, 2\n}\n"));
        var (error, completed, code, plain) = await FailAsync(plan);
        Assert.AreEqual(1, code);
        Assert.AreEqual("diagnostic", error.GetProperty("event").GetString());
        Assert.AreEqual("DAG1001", error.GetProperty("code").GetString());
        AssertSpan(error, "main.cue", 6, 1, 6, 1);
        Assert.AreEqual("DAG1001", completed.GetProperty("error").GetProperty("code").GetString());
        StringAssert.Contains(plain, "main.cue:6:1: error DAG1001: expected operand, found '}'");
    }

    [TestMethod]
    public async Task A_conflict_between_two_files_names_both_places()
    {
        var plan = await PlanAsync(
            ("a.cue", "package main\n\nversion: \"1.0\"\n"),
            ("b.cue", "package main\n\nname: \"app\"\nversion: \"2.0\"\n"));
        var (error, _, code, plain) = await FailAsync(plan);
        Assert.AreEqual(1, code);
        Assert.AreEqual("DAG1002", error.GetProperty("code").GetString());
        Assert.AreEqual("version", error.GetProperty("path").GetString());
        AssertSpan(error, "a.cue", 3, 10, 3, 10);
        var related = error.GetProperty("related").EnumerateArray().Single();
        Assert.AreEqual(("b.cue", 4, 10), (related.GetProperty("file").GetString(), related.GetProperty("line").GetInt32(), related.GetProperty("column").GetInt32()));
        StringAssert.Contains(plain, "a.cue:3:10: error DAG1002: version: conflicting values \"2.0\" and \"1.0\"");
    }

    [TestMethod]
    public async Task An_unknown_op_fails_its_task_at_the_op()
    {
        var plan = await PlanAsync(("main.cue", "package main\n\ntest: #up: [\n\t{do: \"fetch-containr\", ref: \"dagger-test/busybox\"},\n]\n"));
        var (error, completed, code, plain) = await FailAsync(plan);
        Assert.AreEqual(1, code);
        Assert.AreEqual("task.failed", error.GetProperty("event").GetString());
        Assert.AreEqual("test", error.GetProperty("task").GetString());
        Assert.AreEqual("DAG2001", error.GetProperty("code").GetString());
        Assert.AreEqual("test.#up[0]", error.GetProperty("op").GetString());
        AssertSpan(error, "main.cue", 4, 2, 4, 52);
        Assert.AreEqual("failed", completed.GetProperty("tasks")[0].GetProperty("status").GetString());
        StringAssert.Contains(plain, "main.cue:4:2: error DAG2001: test.#up[0]: unknown op do: \"fetch-containr\"; did you mean \"fetch-container\"?");
    }

    [TestMethod]
    public async Task A_failing_exec_carries_its_exit_code_and_last_lines()
    {
        var plan = await PlanAsync(("main.cue",
            "package main\n\nfail: {\n\t#up: [\n\t\t{do: \"fetch-container\", ref: \"dagger-test/busybox\"},\n\t\t{do: \"exec\", args: [\"sh\", \"-c\", \"echo bye; exit 7\"], always: true},\n\t]\n}\n"));
        var (error, completed, code, plain) = await FailAsync(plan);
        Assert.AreEqual(7, code, "the command's own exit code");
        Assert.AreEqual("task.failed", error.GetProperty("event").GetString());
        Assert.AreEqual("DAG4001", error.GetProperty("code").GetString());
        Assert.AreEqual(7, error.GetProperty("exitCode").GetInt32());
        Assert.AreEqual(1, error.GetProperty("opIndex").GetInt32());
        AssertSpan(error, "main.cue", 6, 3, 6, 69);
        CollectionAssert.Contains(error.GetProperty("logTail").EnumerateArray().Select(l => l.GetString()).ToList(), "bye");
        Assert.AreEqual(7, completed.GetProperty("exitCode").GetInt32());
        Assert.AreEqual("failure", completed.GetProperty("result").GetString());
        StringAssert.Contains(plain, "main.cue:6:3: error DAG4001: fail.#up[1]: exec sh -c echo bye; exit 7: exited with code 7");
    }

    [TestMethod]
    public async Task An_image_that_does_not_exist_fails_at_its_fetch()
    {
        var image = $"{Rig.Current.Registry.Host}/dagger-test/doesnotexist:1.0";
        var plan = await PlanAsync(("main.cue", $"package main\n\nimg: #up: [\n\t{{do: \"fetch-container\", ref: \"{image}\"}},\n]\n"));
        var (error, _, code, plain) = await FailAsync(plan);
        Assert.AreEqual(1, code);
        Assert.AreEqual("DAG4002", error.GetProperty("code").GetString());
        AssertSpan(error, "main.cue", 4, 2, 4, 34 + image.Length);
        StringAssert.Contains(plain, $"main.cue:4:2: error DAG4002: img.#up[0]: cannot fetch image \"{image}\"");
        StringAssert.Contains(plain, "not found");
    }

    [TestMethod]
    public async Task An_engine_that_cannot_be_reached_is_a_diagnostic_without_a_place()
    {
        var plan = await PlanAsync(("main.cue", "package main\n\nt: #up: [{do: \"fetch-container\", ref: \"dagger-test/busybox\"}]\n"));
        var (code, _, json) = await DaggerRun.RunAsync("up", "-p", plan, "--log-format", "json", "--engine", "unix:///nonexistent/buildkitd.sock");
        EventContract.Require(json.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var events = json.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.AreEqual(1, code);
        var error = events.Single(e => e.GetProperty("event").GetString() == "diagnostic");
        Assert.AreEqual("DAG3001", error.GetProperty("code").GetString());
        Assert.IsFalse(error.TryGetProperty("span", out _), "an engine has no place in the plan");
        StringAssert.Contains(error.GetProperty("message").GetString(), "/nonexistent/buildkitd.sock");
        Assert.AreEqual("unix:///nonexistent/buildkitd.sock", events[0].GetProperty("engine").GetString());

        var (plainCode, _, plain) = await DaggerRun.RunAsync("up", "-p", plan, "--log-format", "plain", "--engine", "unix:///nonexistent/buildkitd.sock");
        Assert.AreEqual(1, plainCode);
        StringAssert.StartsWith(plain, "dagger: error DAG3001: ");
    }
}
