using Dagger.Action.UnitTests.Fakes;

namespace Dagger.Action.UnitTests;

/// <summary>
/// What the action writes on the runner: the log (no workflow command can be injected through it, secrets are
/// masked), the step outputs (a random delimiter, a colliding value refused), and cancellation.
/// </summary>
[TestClass]
public sealed class LogAndOutputTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task A_log_line_that_tries_to_inject_a_workflow_command_is_shown_and_not_run()
    {
        using var run = ActionRun.Push().Input("report", "annotations");
        run.Dagger.Stream = new EventStream().RunStarted(run.Plan)
            .TaskStarted("evil")
            .Log("evil", "::error file=main.cue,line=1::pwned", "  ::add-mask::pwned", "text ##[set-output name=result;]pwned", "::stop-commands::pwned", "::endgroup::")
            .TaskCompleted("evil")
            .RunCompleted();
        run.Dagger.Stdout = "::warning::pwned on stdout\n";

        var result = await run.RunAsync(null);

        Assert.AreEqual(0, result.ExitCode, result.Log);
        Assert.IsFalse(result.Commands.Any(c => c.Contains("pwned", StringComparison.Ordinal)), string.Join("\n", result.Commands));
        // The lines are in the log as they were, for people to read.
        CollectionAssert.Contains(result.LogLines.ToList(), "::error file=main.cue,line=1::pwned");
        CollectionAssert.Contains(result.LogLines.ToList(), "text ##[set-output name=result;]pwned");
        CollectionAssert.Contains(result.LogLines.ToList(), "::warning::pwned on stdout");
        // One group for the task, which holds its lines.
        CollectionAssert.Contains(result.Commands.ToList(), "::group::✅ evil (1.5s)");
        Assert.AreEqual("::endgroup::", result.Commands.SkipWhile(c => !c.StartsWith("::group::✅ evil", StringComparison.Ordinal)).Skip(1).First());
    }

    [TestMethod]
    public async Task Each_stop_uses_a_fresh_random_token()
    {
        using var run = ActionRun.Push().Input("report", "none");
        run.Dagger.Replay(ReportingTests.Failing(run.Plan), exitCode: 1);

        var result = await run.RunAsync(null);

        var tokens = result.LogLines.Where(l => l.StartsWith("::stop-commands::", StringComparison.Ordinal)).Select(l => l["::stop-commands::".Length..]).ToList();
        Assert.IsTrue(tokens.Count >= 4, result.Log);
        Assert.AreEqual(tokens.Count, tokens.Distinct().Count());
        Assert.IsTrue(tokens.All(t => t.Length == 32 && t.All(char.IsAsciiHexDigitLower)), string.Join(", ", tokens));
        foreach (var token in tokens)
        {
            CollectionAssert.Contains(result.LogLines.ToList(), $"::{token}::");
        }
    }

    [TestMethod]
    public async Task A_value_that_holds_the_output_delimiter_is_refused_and_the_others_are_written()
    {
        using var run = ActionRun.Push().Input("report", "none");
        run.Dagger.Stream = new EventStream().RunStarted(run.Plan).TaskStarted("t").TaskCompleted("t")
            .Output("evil", "x\nghadelimiter_fixed\nresult<<y")
            .RunCompleted();

        var result = await run.RunAsync(null, new ActionSettings { OutputDelimiters = () => "ghadelimiter_fixed" });

        Assert.AreEqual(0, result.ExitCode, result.Log);
        Assert.IsFalse(result.Outputs.ContainsKey("outputs"), string.Join(", ", result.Outputs.Keys));
        Assert.AreEqual("success", result.Outputs["result"]);
        Assert.AreEqual("1", result.Outputs["computed"]);
        CollectionAssert.Contains(result.Commands.ToList(), "::warning title=dagger DAG7105::DAG7105: output 'outputs' holds the delimiter of $GITHUB_OUTPUT, so it is not set");
    }

    [TestMethod]
    public async Task Outputs_use_a_random_delimiter_each()
    {
        using var run = ActionRun.Push().Input("report", "none");
        run.Dagger.Stream = ReportingTests.Succeeding(run.Plan);

        await run.RunAsync(null);

        var delimiters = File.ReadAllLines(run.OutputFile).Where(l => l.Contains("<<", StringComparison.Ordinal)).Select(l => l[(l.IndexOf("<<", StringComparison.Ordinal) + 2)..]).ToList();
        Assert.AreEqual(8, delimiters.Count);
        Assert.AreEqual(8, delimiters.Distinct().Count());
        Assert.IsTrue(delimiters.All(d => d.StartsWith("ghadelimiter_", StringComparison.Ordinal) && d.Length > 40), string.Join(", ", delimiters));
    }

    [TestMethod]
    public async Task Secrets_are_masked_for_the_runner_and_hidden_everywhere_the_action_writes()
    {
        await using var api = await FakeGitHubApi.StartAsync(TestContext.CancellationToken);
        const string secret = "s3cr3t-value-of-the-plan";
        const string age = "# created: 2026-01-01\nAGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ";
        using var run = ActionRun.Push()
            .Input("args", "--input-secret\ndb_password=DB_PASSWORD")
            .Input("age-key", age)
            .Variable("DB_PASSWORD", secret);
        // A tool that leaks (it must not: the engine hides secrets) is still hidden by the action.
        run.Dagger.Replay(new EventStream().RunStarted(run.Plan)
            .TaskStarted("leak")
            .Log("leak", $"password is {secret}", $"token is {ActionRun.Token}", $"base64 {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(secret))}")
            .TaskFailed("leak", EventStream.Span("main.cue", 3), "DAG4001", 1, $"echo {secret}")
            .Output("leaked", $"{secret} and {Uri.EscapeDataString(ActionRun.Token)}")
            .RunCompleted(), exitCode: 1);

        var result = await run.RunAsync(api);

        CollectionAssert.Contains(result.LogLines.ToList(), "::add-mask::" + ActionRun.Token);
        CollectionAssert.Contains(result.LogLines.ToList(), "::add-mask::" + secret);
        CollectionAssert.Contains(result.LogLines.ToList(), "::add-mask::AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ");
        var logWithoutMasks = string.Join('\n', result.LogLines.Where(l => !l.StartsWith("::add-mask::", StringComparison.Ordinal)));
        var bodies = string.Join('\n', result.Requests.Select(r => r.Body.GetRawText()));
        foreach (var (where, text) in new[] { ("log", logWithoutMasks), ("summary", result.Summary), ("outputs", string.Join('\n', result.Outputs.Values)), ("requests", bodies) })
        {
            foreach (var hidden in new[] { secret, ActionRun.Token, "AGE-SECRET-KEY-1", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(secret)) })
            {
                Assert.IsFalse(text.Contains(hidden, StringComparison.Ordinal), $"{where} shows {hidden}:\n{text}");
            }
        }

        StringAssert.Contains(logWithoutMasks, "password is ***");
        StringAssert.Contains(result.Outputs["outputs"], "*** and ***");
        // The age key reaches dagger as the variable it reads; the inputs (the token) do not reach it at all.
        Assert.AreEqual(age, run.Dagger.Environment["DAGGER_AGE_KEY"]);
        Assert.IsFalse(run.Dagger.Environment.Keys.Any(k => k.StartsWith("INPUT_", StringComparison.Ordinal)), string.Join(", ", run.Dagger.Environment.Keys));
        Assert.AreEqual(secret, run.Dagger.Environment["DB_PASSWORD"]);
    }

    [TestMethod]
    public async Task Cancellation_interrupts_dagger_and_completes_the_check_run_as_cancelled()
    {
        await using var api = await FakeGitHubApi.StartAsync(TestContext.CancellationToken);
        using var run = ActionRun.Push();
        run.Dagger.Stream = new EventStream().RunStarted(run.Plan)
            .TaskStarted("build").TaskCompleted("build")
            .TaskStarted("slow", EventStream.Span("main.cue", 9, 1, 12, 2)).Log("slow", "working");
        run.Dagger.HangUntilInterrupted(new EventStream().TaskCancelled("slow").RunCompleted("cancelled", 130));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);

        var running = run.RunAsync(api, cancel: cancel.Token);
        await ReportingTests.WaitUntilAsync(() => run.Dagger.Hanging, TestContext.CancellationToken);
        await cancel.CancelAsync();
        var result = await running;

        Assert.AreEqual(130, result.ExitCode, result.Log);
        var last = result.Requests[^1];
        Assert.AreEqual("PATCH /repos/octo-org/hello/check-runs/4242", last.ToString());
        Assert.AreEqual("cancelled", last.Field("conclusion"));
        Assert.AreEqual("cancelled", result.Outputs["result"]);
        StringAssert.Contains(result.Summary, "| 🚫 | `slow` | cancelled |");
        // The cancelled task's group still shows what it printed.
        StringAssert.Contains(result.Log, "::group::🚫 slow (cancelled)");
        StringAssert.Contains(result.Log, "working");
        Assert.AreEqual(0, Directory.Exists(Path.Combine(run.RunnerTemp, "dagger-action-logs")) ? Directory.GetFiles(Path.Combine(run.RunnerTemp, "dagger-action-logs"), "*", SearchOption.AllDirectories).Length : 0, "task logs are cleaned up");
    }

    [TestMethod]
    public async Task A_tool_that_crashes_without_finishing_its_stream_fails_with_its_last_lines_reported()
    {
        using var run = ActionRun.Push().Input("report", "annotations");
        run.Dagger.Replay(new EventStream().RunStarted(run.Plan).TaskStarted("build")
            .Raw("Unhandled exception. System.InvalidOperationException: boom")
            .Raw("   at Dagger.Something()"), exitCode: 134);

        var result = await run.RunAsync(null);

        Assert.AreEqual(134, result.ExitCode);
        Assert.AreEqual("failure", result.Outputs["result"]);
        Assert.IsTrue(result.Commands.Any(c => c.StartsWith("::error title=DAG7108::dagger exited with code 134 without finishing its event stream", StringComparison.Ordinal)), result.Log);
        StringAssert.Contains(result.Summary, "Unhandled exception. System.InvalidOperationException: boom");
        CollectionAssert.Contains(result.LogLines.ToList(), "   at Dagger.Something()");
    }

    [TestMethod]
    public async Task A_stream_of_an_unknown_schema_version_is_not_trusted_and_the_exit_code_decides()
    {
        using var run = ActionRun.Push().Input("report", "annotations");
        run.Dagger.Replay(new EventStream().Raw("{\"v\":2,\"time\":\"2027-01-01T00:00:00.000Z\",\"level\":\"info\",\"event\":\"run.begun\",\"message\":\"hello from v2\"}")
            .Raw("{\"v\":1,\"time\":\"2027-01-01T00:00:00.000Z\",\"level\":\"error\",\"event\":\"task.failed\",\"message\":\"not read\",\"task\":\"x\",\"code\":\"DAG4001\",\"logTail\":[]}"), exitCode: 0);

        var result = await run.RunAsync(null);

        Assert.AreEqual(0, result.ExitCode, result.Log);
        Assert.AreEqual("success", result.Outputs["result"]);
        Assert.IsTrue(result.Commands.Any(c => c.StartsWith("::warning title=DAG7107::dagger wrote events of schema version 2", StringComparison.Ordinal)), result.Log);
        Assert.IsFalse(result.Commands.Any(c => c.Contains("not read", StringComparison.Ordinal)));
        StringAssert.Contains(result.Log, "hello from v2");
    }

    [TestMethod]
    public async Task Without_GITHUB_OUTPUT_and_a_summary_file_the_outputs_are_printed_for_a_local_try()
    {
        using var run = ActionRun.Push().Input("report", "none").Variable("GITHUB_OUTPUT", null).Variable("GITHUB_STEP_SUMMARY", null);
        run.Dagger.Stream = ReportingTests.Succeeding(run.Plan);

        var result = await run.RunAsync(null);

        Assert.AreEqual(0, result.ExitCode, result.Log);
        CollectionAssert.Contains(result.LogLines.ToList(), "  outputs = {\"message\":\"Hello, world!\"}");
        CollectionAssert.Contains(result.LogLines.ToList(), "GITHUB_STEP_SUMMARY is not set: no job summary");
    }
}
