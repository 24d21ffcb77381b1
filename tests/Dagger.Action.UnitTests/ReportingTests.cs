using System.Text.Json;
using Dagger.Action.UnitTests.Fakes;

namespace Dagger.Action.UnitTests;

/// <summary>
/// The whole action, in process, against the fake GitHub API and a fake dagger that replays canned event streams:
/// the exact requests it sends for each kind of workflow run, and how it falls back when it may not write checks.
/// </summary>
[TestClass]
public sealed class ReportingTests
{
    private const string CheckRuns = "/repos/octo-org/hello/check-runs";

    public TestContext TestContext { get; set; } = null!;

    internal static EventStream Failing(string plan) => new EventStream()
        .RunStarted(plan)
        .TaskStarted("build", EventStream.Span("main.cue", 4, 1, 8, 2))
        .Log("build", "compiling")
        .OpCompleted("build", 1, "exec sh -c make")
        .TaskCompleted("build", 1.25, "build.out")
        .TaskStarted("test", EventStream.Span("main.cue", 10, 1, 16, 2))
        .Log("test", "FAIL: TestParse")
        .TaskFailed("test", EventStream.Span("main.cue", 13, 3, 13, 40), "DAG4001", 1, "FAIL: TestParse")
        .RunCompleted();

    internal static EventStream Succeeding(string plan) => new EventStream()
        .RunStarted(plan)
        .TaskStarted("greeting", EventStream.Span("main.cue", 4, 1, 8, 2))
        .TaskCompleted("greeting", 0.5, "greeting")
        .Output("message", "Hello, world!", "The greeting.")
        .RunCompleted();

    [TestMethod]
    public async Task A_push_gets_a_check_run_on_its_commit_created_in_progress_and_completed_with_the_conclusion()
    {
        await using var api = await FakeGitHubApi.StartAsync(TestContext.CancellationToken);
        using var run = ActionRun.Push();
        run.Dagger.Stream = Succeeding(run.Plan);

        var result = await run.RunAsync(api);

        Assert.AreEqual(0, result.ExitCode, result.Log);
        CollectionAssert.AreEqual(new[] { $"POST {CheckRuns}", $"PATCH {CheckRuns}/4242" }, result.Requests.Select(r => r.ToString()).ToArray());
        var create = result.Requests[0];
        Assert.AreEqual("dagger", create.Field("name"));
        Assert.AreEqual(ActionRun.PushSha, create.Field("head_sha"));
        Assert.AreEqual("in_progress", create.Field("status"));
        Assert.AreEqual("https://github.com/octo-org/hello/actions/runs/987654321", create.Field("details_url"));
        Assert.IsNotNull(create.Field("started_at"));
        Assert.AreEqual($"Bearer {ActionRun.Token}", create.Authorization);
        var complete = result.Requests[1];
        Assert.AreEqual("completed", complete.Field("status"));
        Assert.AreEqual("success", complete.Field("conclusion"));
        Assert.IsNotNull(complete.Field("completed_at"));
        StringAssert.StartsWith(complete.Field("output.title"), "dagger succeeded: 1 computed, 0 failed, 0 skipped");
        StringAssert.Contains(complete.Field("output.summary"), "| ✅ | `greeting` | computed | 0.5s | `greeting` |");
        StringAssert.Contains(complete.Field("output.summary"), "| `message` | `\"Hello, world!\"` | The greeting. |");

        Assert.AreEqual("success", result.Outputs["result"]);
        Assert.AreEqual("{\"message\":\"Hello, world!\"}", result.Outputs["outputs"]);
        Assert.AreEqual("1", result.Outputs["computed"]);
        Assert.AreEqual("0", result.Outputs["skipped"]);
        Assert.AreEqual("4.250", result.Outputs["duration"]);
        Assert.AreEqual("4242", result.Outputs["check-run-id"]);
        Assert.AreEqual("https://github.com/octo-org/hello/runs/4242", result.Outputs["check-run-url"]);
    }

    [TestMethod]
    public async Task A_failing_run_fails_the_step_with_the_tools_code_and_annotates_the_failing_cue_line()
    {
        await using var api = await FakeGitHubApi.StartAsync(TestContext.CancellationToken);
        using var run = ActionRun.Push();
        run.Dagger.Replay(Failing(run.Plan), exitCode: 1);

        var result = await run.RunAsync(api);

        Assert.AreEqual(1, result.ExitCode);
        var complete = result.Requests[^1];
        Assert.AreEqual("failure", complete.Field("conclusion"));
        var annotation = complete.Annotations.Single();
        Assert.AreEqual("ci/main.cue", annotation.GetProperty("path").GetString());
        Assert.AreEqual(13, annotation.GetProperty("start_line").GetInt32());
        Assert.AreEqual(13, annotation.GetProperty("end_line").GetInt32());
        Assert.AreEqual(3, annotation.GetProperty("start_column").GetInt32());
        Assert.AreEqual(40, annotation.GetProperty("end_column").GetInt32());
        Assert.AreEqual("failure", annotation.GetProperty("annotation_level").GetString());
        Assert.AreEqual("DAG4001 in test", annotation.GetProperty("title").GetString());
        Assert.AreEqual("test.#up[1]: exec sh -c 'go test': exited with code 1", annotation.GetProperty("message").GetString());
        Assert.AreEqual("FAIL: TestParse", annotation.GetProperty("raw_details").GetString());
        StringAssert.Contains(complete.Field("output.text"), "**DAG4001** `test` at [ci/main.cue:13:3](https://github.com/octo-org/hello/blob/1111111111111111111111111111111111111111/ci/main.cue#L13)");
        Assert.AreEqual("failure", result.Outputs["result"]);
        // The check run carries the annotation: it is not repeated as a workflow command.
        Assert.IsFalse(result.Commands.Any(c => c.StartsWith("::error", StringComparison.Ordinal)), result.Log);
    }

    [TestMethod]
    public async Task A_failure_with_fail_on_error_false_leaves_the_step_green_and_the_check_red()
    {
        await using var api = await FakeGitHubApi.StartAsync(TestContext.CancellationToken);
        using var run = ActionRun.Push().Input("fail-on-error", "false");
        run.Dagger.Replay(Failing(run.Plan), exitCode: 1);

        var result = await run.RunAsync(api);

        Assert.AreEqual(0, result.ExitCode);
        Assert.AreEqual("failure", result.Requests[^1].Field("conclusion"));
        Assert.AreEqual("failure", result.Outputs["result"]);
    }

    [TestMethod]
    public async Task A_pull_request_from_the_same_repository_gets_its_check_run_on_the_head_commit_not_the_merge_commit()
    {
        await using var api = await FakeGitHubApi.StartAsync(TestContext.CancellationToken);
        using var run = ActionRun.PullRequest();
        run.Dagger.Stream = Succeeding(run.Plan);

        var result = await run.RunAsync(api);

        Assert.AreEqual(0, result.ExitCode, result.Log);
        Assert.AreEqual(ActionRun.HeadSha, result.Requests[0].Field("head_sha"));
        Assert.AreEqual(2, result.Requests.Count);
    }

    [TestMethod]
    public async Task A_pull_request_from_a_fork_sends_no_request_and_reports_through_annotations_and_the_summary()
    {
        await using var api = await FakeGitHubApi.StartAsync(TestContext.CancellationToken);
        using var run = ActionRun.PullRequest(fromFork: true);
        run.Dagger.Replay(Failing(run.Plan), exitCode: 1);

        var result = await run.RunAsync(api);

        Assert.AreEqual(1, result.ExitCode);
        Assert.AreEqual(0, result.Requests.Count, string.Join(", ", result.Requests));
        CollectionAssert.Contains(
            result.Commands.ToList(),
            "::error file=ci/main.cue,line=13,endLine=13,col=3,endColumn=40,title=DAG4001 in test::test.#up[1]: exec sh -c 'go test': exited with code 1%0AFAIL: TestParse");
        Assert.IsTrue(result.Commands.Any(c => c.StartsWith("::notice::this pull request comes from a fork", StringComparison.Ordinal)), result.Log);
        StringAssert.Contains(result.Summary, "**DAG4001** `test` at [ci/main.cue:13:3](https://github.com/octo-org/hello/blob/2222222222222222222222222222222222222222/ci/main.cue#L13)");
        StringAssert.Contains(result.Summary, "comes from a fork");
        Assert.AreEqual("", result.Outputs["check-run-id"]);
    }

    [TestMethod]
    public async Task A_403_on_checks_falls_back_to_a_commit_status_and_annotations_and_only_warns()
    {
        await using var api = await FakeGitHubApi.StartAsync(TestContext.CancellationToken);
        api.Answer("POST", "/check-runs$", 403, message: "Resource not accessible by integration");
        using var run = ActionRun.Push();
        run.Dagger.Replay(Failing(run.Plan), exitCode: 1);

        var result = await run.RunAsync(api);

        Assert.AreEqual(1, result.ExitCode, "the step fails because dagger failed, not because of the report");
        var statuses = $"/repos/octo-org/hello/statuses/{ActionRun.PushSha}";
        CollectionAssert.AreEqual(new[] { $"POST {CheckRuns}", $"POST {statuses}", $"POST {statuses}" }, result.Requests.Select(r => r.ToString()).ToArray());
        Assert.AreEqual("pending", result.Requests[1].Field("state"));
        Assert.AreEqual("dagger", result.Requests[1].Field("context"));
        Assert.AreEqual("https://github.com/octo-org/hello/actions/runs/987654321", result.Requests[1].Field("target_url"));
        Assert.AreEqual("failure", result.Requests[2].Field("state"));
        Assert.IsTrue(result.Requests[2].Field("description")!.Length <= 140);
        StringAssert.StartsWith(result.Requests[2].Field("description"), "dagger failed: 1 computed, 1 failed");
        Assert.IsTrue(result.Commands.Any(c => c.StartsWith("::warning title=dagger DAG7106::DAG7106: the check run could not be created (403 Resource not accessible by integration", StringComparison.Ordinal)), result.Log);
        Assert.IsTrue(result.Commands.Any(c => c.StartsWith("::error file=ci/main.cue,line=13,", StringComparison.Ordinal)), result.Log);
        StringAssert.Contains(result.Summary, "DAG7106");
    }

    [TestMethod]
    public async Task A_token_that_can_write_neither_checks_nor_statuses_leaves_annotations_and_a_green_step_for_a_green_run()
    {
        await using var api = await FakeGitHubApi.StartAsync(TestContext.CancellationToken);
        api.Answer("POST", "/check-runs$", 403);
        api.Answer("POST", "/statuses/", 403);
        using var run = ActionRun.Push();
        run.Dagger.Stream = new EventStream().RunStarted(run.Plan)
            .TaskStarted("deploy", EventStream.Span("main.cue", 20, 1, 30, 2))
            .TaskSkipped("deploy", EventStream.Span("main.cue", 20, 1, 30, 2), "creds.token")
            .RunCompleted();

        var result = await run.RunAsync(api);

        Assert.AreEqual(0, result.ExitCode, result.Log);
        Assert.AreEqual(2, result.Requests.Count);
        Assert.AreEqual(2, result.Commands.Count(c => c.StartsWith("::warning title=dagger DAG7106::", StringComparison.Ordinal)), result.Log);
        CollectionAssert.Contains(
            result.Commands.ToList(),
            "::warning file=ci/main.cue,line=20,endLine=30,title=DAG2003 in deploy::pipeline was partially executed because of missing inputs: creds.token%0Awaiting for: creds.token");
        StringAssert.Contains(result.Summary, "skipped: waits for `creds.token`");
    }

    [TestMethod]
    public async Task A_429_with_Retry_After_is_waited_for_and_sent_again()
    {
        await using var api = await FakeGitHubApi.StartAsync(TestContext.CancellationToken);
        api.Answer("POST", "/check-runs$", 429, times: 1, headers: new Dictionary<string, string> { ["Retry-After"] = "1" }, message: "secondary rate limit");
        using var run = ActionRun.Push();
        run.Dagger.Stream = Succeeding(run.Plan);

        var result = await run.RunAsync(api);

        Assert.AreEqual(0, result.ExitCode, result.Log);
        CollectionAssert.AreEqual(new[] { $"POST {CheckRuns}", $"POST {CheckRuns}", $"PATCH {CheckRuns}/4242" }, result.Requests.Select(r => r.ToString()).ToArray());
        Assert.IsTrue(result.Requests[1].At - result.Requests[0].At >= TimeSpan.FromSeconds(0.9), $"waited {result.Requests[1].At - result.Requests[0].At}");
        Assert.AreEqual("4242", result.Outputs["check-run-id"]);
        Assert.IsFalse(result.Log.Contains("DAG7106", StringComparison.Ordinal), result.Log);
        StringAssert.Contains(result.Summary, "3 GitHub API requests");
    }

    [TestMethod]
    public async Task A_rate_limit_longer_than_the_action_waits_falls_back_instead_of_hanging()
    {
        await using var api = await FakeGitHubApi.StartAsync(TestContext.CancellationToken);
        api.Answer("POST", "/check-runs$", 429, headers: new Dictionary<string, string> { ["Retry-After"] = "3600" });
        using var run = ActionRun.Push();
        run.Dagger.Stream = Succeeding(run.Plan);

        var result = await run.RunAsync(api);

        Assert.AreEqual(0, result.ExitCode, result.Log);
        Assert.AreEqual($"POST {CheckRuns}", result.Requests[0].ToString());
        Assert.AreEqual(1, result.Requests.Count(r => r.Path == CheckRuns));
        Assert.AreEqual("success", result.Requests[^1].Field("state"));
    }

    [TestMethod]
    [DataRow(0, new int[0])]
    [DataRow(1, new[] { 1 })]
    [DataRow(51, new[] { 50, 1 })]
    [DataRow(120, new[] { 50, 50, 20 })]
    public async Task Annotations_go_50_a_request_and_none_is_dropped(int count, int[] batches)
    {
        await using var api = await FakeGitHubApi.StartAsync(TestContext.CancellationToken);
        using var run = ActionRun.Push();
        var stream = new EventStream().RunStarted(run.Plan);
        for (var i = 0; i < count; i++)
        {
            stream.TaskStarted($"t{i}").TaskFailed($"t{i}", EventStream.Span("main.cue", i + 1, 1, i + 1, 9), "DAG4001", 2, $"line of t{i}");
        }

        run.Dagger.Stream = stream.RunCompleted(count == 0 ? "success" : null);
        run.Dagger.ExitCode = count == 0 ? 0 : 2;

        var result = await run.RunAsync(api);

        Assert.AreEqual(count == 0 ? 0 : 2, result.ExitCode, result.Log);
        var updates = result.Requests.Where(r => r.Method == "PATCH").ToList();
        Assert.AreEqual(Math.Max(1, batches.Length), updates.Count);
        CollectionAssert.AreEqual(batches, updates.Select(u => u.Annotations.Count).Where(n => n > 0).ToArray());
        Assert.AreEqual(1, updates.Count(u => u.Field("conclusion") is not null), "only the last update concludes");
        Assert.IsNotNull(updates[^1].Field("conclusion"));
        var lines = updates.SelectMany(u => u.Annotations).Select(a => a.GetProperty("start_line").GetInt32()).Order().ToArray();
        CollectionAssert.AreEqual(Enumerable.Range(1, count).ToArray(), lines);
        Assert.IsFalse(result.Commands.Any(c => c.StartsWith("::error", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task Annotations_that_the_check_run_refuses_go_to_the_log_instead_and_the_conclusion_is_still_set()
    {
        await using var api = await FakeGitHubApi.StartAsync(TestContext.CancellationToken);
        using var run = ActionRun.Push();
        var stream = new EventStream().RunStarted(run.Plan);
        for (var i = 0; i < 60; i++)
        {
            stream.TaskStarted($"t{i}").TaskFailed($"t{i}", EventStream.Span("main.cue", i + 1));
        }

        run.Dagger.Replay(stream.RunCompleted(), exitCode: 1);
        // The first batch goes through; the second (with the conclusion) is refused; the conclusion alone passes.
        api.Answer("PATCH", "/check-runs/4242$", 422, times: 1, skip: 1, message: "Validation Failed");

        var result = await run.RunAsync(api);

        var patches = result.Requests.Where(r => r.Method == "PATCH").ToList();
        Assert.AreEqual(3, patches.Count, string.Join(", ", result.Requests));
        Assert.AreEqual(50, patches[0].Annotations.Count);
        Assert.AreEqual(10, patches[1].Annotations.Count);
        Assert.AreEqual(0, patches[2].Annotations.Count);
        Assert.AreEqual("failure", patches[2].Field("conclusion"));
        // The 10 refused annotations are errors in the log, within the runner's 10 a step.
        Assert.AreEqual(10, result.Commands.Count(c => c.StartsWith("::error file=ci/main.cue", StringComparison.Ordinal)), result.Log);
        Assert.IsTrue(result.Commands.Any(c => c.Contains("did not take every annotation", StringComparison.Ordinal)), result.Log);
    }

    [TestMethod]
    public async Task Fallback_annotations_keep_to_the_runners_limits_errors_first_and_count_the_rest()
    {
        await using var api = await FakeGitHubApi.StartAsync(TestContext.CancellationToken);
        using var run = ActionRun.Push().Input("report", "annotations");
        var stream = new EventStream().RunStarted(run.Plan);
        for (var i = 0; i < 15; i++)
        {
            stream.TaskStarted($"w{i}").TaskSkipped($"w{i}", EventStream.Span("main.cue", 100 + i), "x");
        }

        for (var i = 0; i < 12; i++)
        {
            stream.TaskStarted($"e{i}").TaskFailed($"e{i}", EventStream.Span("main.cue", i + 1));
        }

        run.Dagger.Replay(stream.RunCompleted(), exitCode: 1);

        var result = await run.RunAsync(api);

        Assert.AreEqual(0, result.Requests.Count);
        var annotations = result.Commands.Where(c => c.StartsWith("::error file=", StringComparison.Ordinal) || c.StartsWith("::warning file=", StringComparison.Ordinal)).ToList();
        Assert.AreEqual(20, annotations.Count);
        Assert.IsTrue(annotations.Take(10).All(c => c.StartsWith("::error", StringComparison.Ordinal)), "errors come first");
        CollectionAssert.Contains(result.Commands.ToList(), "::notice::7 more problems are listed in the job summary: the runner shows 10 annotations of each kind per step");
        Assert.AreEqual(27, result.Summary.Split('\n').Count(l => l.StartsWith("- ❌", StringComparison.Ordinal) || l.StartsWith("- ⚠️", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task Report_none_sends_nothing_and_writes_no_annotation_but_still_the_summary()
    {
        await using var api = await FakeGitHubApi.StartAsync(TestContext.CancellationToken);
        using var run = ActionRun.Push().Input("report", "none");
        run.Dagger.Replay(Failing(run.Plan), exitCode: 1);

        var result = await run.RunAsync(api);

        Assert.AreEqual(0, result.Requests.Count);
        Assert.IsFalse(result.Commands.Any(c => c.StartsWith("::error", StringComparison.Ordinal)), result.Log);
        StringAssert.Contains(result.Summary, "**DAG4001**");
    }

    [TestMethod]
    public async Task Report_status_writes_a_commit_status_and_annotations_in_the_log()
    {
        await using var api = await FakeGitHubApi.StartAsync(TestContext.CancellationToken);
        using var run = ActionRun.PullRequest().Input("report", "status").Input("check-name", "ci/dagger");
        run.Dagger.Stream = Succeeding(run.Plan);

        var result = await run.RunAsync(api);

        var statuses = $"/repos/octo-org/hello/statuses/{ActionRun.HeadSha}";
        CollectionAssert.AreEqual(new[] { $"POST {statuses}", $"POST {statuses}" }, result.Requests.Select(r => r.ToString()).ToArray());
        Assert.AreEqual("ci/dagger", result.Requests[1].Field("context"));
        Assert.AreEqual("success", result.Requests[1].Field("state"));
    }

    [TestMethod]
    public async Task The_number_of_requests_does_not_depend_on_the_log_volume()
    {
        await using var api = await FakeGitHubApi.StartAsync(TestContext.CancellationToken);
        using var quiet = ActionRun.Push();
        quiet.Dagger.Replay(Failing(quiet.Plan), exitCode: 1);
        var few = await quiet.RunAsync(api, new ActionSettings { LiveInterval = TimeSpan.FromSeconds(5) });

        await using var api2 = await FakeGitHubApi.StartAsync(TestContext.CancellationToken);
        using var chatty = ActionRun.Push();
        var stream = new EventStream().RunStarted(chatty.Plan).TaskStarted("build");
        stream.Log("build", [.. Enumerable.Range(0, 5000).Select(i => $"compiling unit {i}")]);
        stream.TaskCompleted("build", 1.25, "build.out").TaskStarted("test").Log("test", "FAIL: TestParse")
            .TaskFailed("test", EventStream.Span("main.cue", 13, 3, 13, 40), "DAG4001", 1, "FAIL: TestParse").RunCompleted();
        chatty.Dagger.Replay(stream, exitCode: 1);
        var many = await chatty.RunAsync(api2, new ActionSettings { LiveInterval = TimeSpan.FromSeconds(5) });

        Assert.AreEqual(few.Requests.Count, many.Requests.Count);
        Assert.AreEqual(2, many.Requests.Count, string.Join(", ", many.Requests));
        StringAssert.Contains(many.Log, "compiling unit 4999");
    }

    [TestMethod]
    public async Task Live_updates_send_the_task_table_as_tasks_finish()
    {
        await using var api = await FakeGitHubApi.StartAsync(TestContext.CancellationToken);
        using var run = ActionRun.Push();
        run.Dagger.Replay(Failing(run.Plan), exitCode: 1);
        var cancelled = new EventStream().RunCompleted("failure", 1);
        run.Dagger.HangUntilInterrupted(cancelled);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);

        var running = run.RunAsync(api, new ActionSettings { LiveInterval = TimeSpan.FromMilliseconds(200) }, cancel: cancel.Token);
        await WaitUntilAsync(() => api.Requests.Any(r => r.Method == "PATCH"), TestContext.CancellationToken);
        await cancel.CancelAsync();
        var result = await running;

        var live = result.Requests.First(r => r.Method == "PATCH");
        Assert.IsNull(live.Field("conclusion"));
        Assert.IsNull(live.Field("status"));
        StringAssert.Contains(live.Field("output.summary"), "| ✅ | `build` | computed | 1.3s | `build.out` |");
        StringAssert.Contains(live.Field("output.summary"), "| ❌ | `test` | failed |");
    }

    [TestMethod]
    public async Task A_check_run_summary_and_a_job_summary_that_overflow_are_cut_with_a_note()
    {
        await using var api = await FakeGitHubApi.StartAsync(TestContext.CancellationToken);
        using var run = ActionRun.Push();
        var stream = new EventStream().RunStarted(run.Plan);
        var tail = Enumerable.Range(0, 20).Select(i => $"{i:00} " + new string('x', 400)).ToArray();
        for (var i = 0; i < 160; i++)
        {
            stream.TaskStarted($"task_{i}_{new string('n', 150)}").TaskFailed($"task_{i}_{new string('n', 150)}", EventStream.Span("main.cue", i + 1), "DAG4001", 1, tail);
        }

        run.Dagger.Replay(stream.RunCompleted(), exitCode: 1);

        var result = await run.RunAsync(api);

        var last = result.Requests[^1];
        Assert.IsTrue(last.Field("output.summary")!.Length <= 65_535);
        Assert.IsTrue(last.Field("output.text")!.Length <= 65_535);
        StringAssert.Contains(last.Field("output.text"), "left out**: GitHub takes at most 65,535 characters here.");
        Assert.AreEqual(160, result.Requests.Sum(r => r.Annotations.Count), "annotations are not cut");
        var bytes = System.Text.Encoding.UTF8.GetByteCount(result.Summary);
        Assert.IsTrue(bytes <= 1024 * 1024, $"{bytes} bytes");
        Assert.IsTrue(bytes > 900 * 1024, $"{bytes} bytes: the summary should use its room");
        StringAssert.Contains(result.Summary, "left out**: GitHub takes at most");
    }

    internal static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(20, limit.Token);
        }
    }
}
