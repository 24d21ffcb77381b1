using Dagger.Action.Errors;
using Dagger.Action.Inputs;
using Dagger.Action.UnitTests.Fakes;

namespace Dagger.Action.UnitTests;

/// <summary>Reading the inputs as the toolkit's getInput does, and the clear errors for values the action cannot use.</summary>
[TestClass]
public sealed class InputTests
{
    private static ActionInputs Read(params (string Name, string Value)[] inputs) =>
        ActionInputs.Read(ActionEnvironment.From(inputs.Select(i => new KeyValuePair<string, string>(InputReader.VariableName(i.Name), i.Value))));

    [TestMethod]
    public void Variable_names_are_INPUT_and_the_name_upper_cased_with_spaces_as_underscores_and_hyphens_kept()
    {
        Assert.AreEqual("INPUT_CHECK-NAME", InputReader.VariableName("check-name"));
        Assert.AreEqual("INPUT_MY_INPUT", InputReader.VariableName("my input"));
    }

    [TestMethod]
    public void Defaults_apply_when_inputs_are_unset_or_blank()
    {
        var inputs = Read(("command", "  "), ("summary", ""));

        Assert.AreEqual(DaggerCommand.Up, inputs.Command);
        Assert.AreEqual(ReportMode.Auto, inputs.Report);
        Assert.AreEqual("dagger", inputs.CheckName);
        Assert.AreEqual(".", inputs.Workdir);
        Assert.IsTrue(inputs.Summary);
        Assert.IsTrue(inputs.FailOnError);
        Assert.IsFalse(inputs.InstallOnly);
        Assert.IsNull(inputs.Version);
        Assert.IsNull(inputs.Token);
    }

    [TestMethod]
    public void Values_are_trimmed()
    {
        var inputs = Read(("plan", "  ci/plan \n"), ("report", " check "), ("fail-on-error", " False "));

        Assert.AreEqual("ci/plan", inputs.Plan);
        Assert.AreEqual(ReportMode.Check, inputs.Report);
        Assert.IsFalse(inputs.FailOnError);
    }

    [TestMethod]
    [DataRow("command", "deploy", "input 'command' is 'deploy': it must be up, compute or query")]
    [DataRow("report", "checks", "input 'report' is 'checks': it must be auto, check, status, annotations or none")]
    [DataRow("summary", "yes", "input 'summary' is 'yes': it must be true or false")]
    [DataRow("version", "latest", "input 'version' is 'latest': give a release such as 0.1.0")]
    [DataRow("args", "--log-format\nplain", "input 'args' has '--log-format'")]
    public void A_value_the_action_cannot_use_is_a_clear_error(string name, string value, string message)
    {
        var error = Assert.ThrowsExactly<ActionException>(() => Read((name, value)));

        Assert.AreEqual("DAG7101", error.Code);
        StringAssert.StartsWith(error.Message, message);
    }

    [TestMethod]
    public void Environment_with_compute_and_age_key_with_install_only_are_refused()
    {
        Assert.AreEqual("DAG7101", Assert.ThrowsExactly<ActionException>(() => Read(("command", "compute"), ("environment", "prod"))).Code);
        Assert.AreEqual("DAG7101", Assert.ThrowsExactly<ActionException>(() => Read(("install-only", "true"), ("age-key", "AGE-SECRET-KEY-1X"))).Code);
    }

    [TestMethod]
    public async Task A_bad_input_fails_the_step_with_one_error_line_and_no_stack_trace()
    {
        using var run = ActionRun.Push().Input("report", "sometimes");

        var result = await run.RunAsync(null);

        Assert.AreEqual(2, result.ExitCode);
        CollectionAssert.AreEqual(
            new[] { "::error title=dagger DAG7101::DAG7101: input 'report' is 'sometimes': it must be auto, check, status, annotations or none", "" },
            result.LogLines.ToArray());
        Assert.IsNull(run.Dagger.Arguments, "dagger did not run");
    }

    [TestMethod]
    public async Task A_missing_dagger_and_a_missing_workdir_are_clear_errors()
    {
        using var noDagger = ActionRun.Push().Variable("PATH", "/nonexistent");
        var result = await noDagger.RunAsync(null);
        Assert.AreEqual(1, result.ExitCode);
        Assert.IsTrue(result.LogLines.Any(l => l.StartsWith("::error title=dagger DAG7104::DAG7104: dagger is not on PATH", StringComparison.Ordinal)), result.Log);

        using var noFolder = ActionRun.Push().Input("workdir", "missing");
        result = await noFolder.RunAsync(null);
        Assert.AreEqual(1, result.ExitCode);
        Assert.IsTrue(result.LogLines.Any(l => l.StartsWith("::error title=dagger DAG7104::DAG7104: input 'workdir' is 'missing'", StringComparison.Ordinal)), result.Log);
    }

    [TestMethod]
    public async Task A_dagger_that_cannot_start_still_completes_the_check_run_as_a_failure()
    {
        await using var api = await FakeGitHubApi.StartAsync();
        using var run = ActionRun.Push();
        File.WriteAllBytes(Path.Combine(run.Bin, "dagger"), [0x7f, 0x00, 0x01, 0x02]);

        var result = await run.RunAsync(api);

        Assert.AreEqual(1, result.ExitCode, result.Log);
        var last = result.Requests[^1];
        Assert.AreEqual("PATCH /repos/octo-org/hello/check-runs/4242", last.ToString());
        Assert.AreEqual("failure", last.Field("conclusion"));
        StringAssert.Contains(last.Field("output.text"), "**DAG7104**");
        Assert.AreEqual("failure", result.Outputs["result"]);
    }
}
