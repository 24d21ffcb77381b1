using Dagger.Action.UnitTests.Fakes;

namespace Dagger.Action.UnitTests;

/// <summary>How the inputs become dagger's command line and environment, checked on what the fake dagger received.</summary>
[TestClass]
public sealed class InvocationTests
{
    [TestMethod]
    [DataRow("up", "", "", new[] { "up", "-p", "ci", "--log-format", "json" })]
    [DataRow("up", "staging", "", new[] { "up", "-p", "ci", "-e", "staging", "--log-format", "json" })]
    [DataRow("compute", "", "", new[] { "compute", "ci", "--log-format", "json" })]
    [DataRow("query", "staging", "app.url", new[] { "query", "-p", "ci", "-e", "staging", "--log-format", "json", "app.url" })]
    public async Task The_command_the_plan_and_the_environment_become_arguments(string command, string environment, string args, string[] expected)
    {
        using var run = ActionRun.Push().Input("report", "none").Input("command", command).Input("environment", environment).Input("args", args);
        run.Dagger.Stream = ReportingTests.Succeeding(run.Plan);

        var result = await run.RunAsync(null);

        Assert.AreEqual(0, result.ExitCode, result.Log);
        CollectionAssert.AreEqual(expected, run.Dagger.Arguments!.ToArray());
    }

    [TestMethod]
    public async Task Args_are_one_per_line_trimmed_and_never_split_by_a_shell()
    {
        using var run = ActionRun.Push().Input("report", "none")
            .Input("args", "  --input-string  \nname=Mona Lisa   \n\n--input-string\r\nquote=it's \"$HOME\" `x` ; rm -rf /\n");
        run.Dagger.Stream = ReportingTests.Succeeding(run.Plan);

        var result = await run.RunAsync(null);

        Assert.AreEqual(0, result.ExitCode, result.Log);
        CollectionAssert.AreEqual(
            new[] { "up", "-p", "ci", "--log-format", "json", "--input-string", "name=Mona Lisa", "--input-string", "quote=it's \"$HOME\" `x` ; rm -rf /" },
            run.Dagger.Arguments!.ToArray());
    }

    [TestMethod]
    public async Task Workdir_is_where_dagger_runs_and_the_plan_is_relative_to_it()
    {
        using var run = ActionRun.Push().Input("report", "none").Input("workdir", "services/api").Input("plan", "deploy");
        Directory.CreateDirectory(Path.Combine(run.Workspace, "services", "api", "deploy"));
        run.Dagger.Replay(new EventStream().RunStarted(Path.Combine(run.Workspace, "services", "api", "deploy"))
            .TaskStarted("t").TaskFailed("t", EventStream.Span("main.cue", 7)).RunCompleted(), exitCode: 1);

        var result = await run.RunAsync(null);

        Assert.AreEqual(Path.Combine(run.Workspace, "services", "api"), run.Dagger.Environment["PWD"]);
        CollectionAssert.AreEqual(new[] { "up", "-p", "deploy", "--log-format", "json" }, run.Dagger.Arguments!.ToArray());
        StringAssert.Contains(result.Summary, "services/api/deploy/main.cue:7:3");
    }

    [TestMethod]
    public async Task A_span_outside_the_repository_is_reported_without_a_place_in_it()
    {
        await using var api = await FakeGitHubApi.StartAsync();
        using var run = ActionRun.Push();
        run.Dagger.Replay(new EventStream().RunStarted(run.Plan)
            .Diagnostic("error", "DAG1002", "conflicting values", EventStream.Span("/usr/share/dagger/op.cue", 3))
            .RunCompleted("failure", 1), exitCode: 1);

        var result = await run.RunAsync(api);

        Assert.AreEqual(0, result.Requests.Sum(r => r.Annotations.Count));
        StringAssert.Contains(result.Requests[^1].Field("output.text"), "**DAG1002** at `/usr/share/dagger/op.cue:3:3`: conflicting values");
    }
}
