using System.Text.RegularExpressions;
using Dagger.Action.Inputs;
using YamlDotNet.RepresentationModel;

namespace Dagger.Action.UnitTests;

/// <summary>
/// action.yml as the runner reads it: a composite action of bash steps whose scripts take the inputs only through
/// INPUT_* variables (an expression inside a script is a script injection), and whose inputs are the program's.
/// </summary>
[TestClass]
public sealed class ActionYmlTests
{
    private static readonly YamlMappingNode Root = Load();

    private static YamlMappingNode Load()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "action.yml")))
        {
            directory = directory.Parent;
        }

        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(directory?.FullName ?? throw new InvalidOperationException("no action.yml above the tests"), "action.yml"));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlMappingNode Map(YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node)[key];

    private static IEnumerable<YamlMappingNode> Steps => ((YamlSequenceNode)Map(Root, "runs")["steps"]).Cast<YamlMappingNode>();

    private static string? Scalar(YamlMappingNode node, string key) => node.Children.TryGetValue(key, out var value) ? ((YamlScalarNode)value).Value : null;

    [TestMethod]
    public void It_is_a_composite_action_of_bash_steps()
    {
        Assert.AreEqual("composite", Scalar(Map(Root, "runs"), "using"));
        foreach (var step in Steps.Where(s => s.Children.ContainsKey("run")))
        {
            Assert.AreEqual("bash", Scalar(step, "shell"), Scalar(step, "name"));
        }
    }

    [TestMethod]
    public void No_script_holds_an_expression()
    {
        foreach (var step in Steps.Where(s => s.Children.ContainsKey("run")))
        {
            StringAssert.DoesNotMatch(Scalar(step, "run"), new Regex(@"\$\{\{"), $"step '{Scalar(step, "name")}' must take its values through env:");
        }
    }

    [TestMethod]
    public void The_inputs_are_the_programs_and_each_reaches_it_as_its_INPUT_variable()
    {
        var declared = Map(Root, "inputs").Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value!).ToList();
        CollectionAssert.AreEquivalent(ActionInputs.Names.ToArray(), declared);

        var run = Steps.Single(s => Scalar(s, "id") == "run");
        var env = Map(run, "env");
        foreach (var name in declared)
        {
            Assert.AreEqual($"${{{{ inputs.{name} }}}}", Scalar(env, InputReader.VariableName(name)), name);
        }

        // Every INPUT_ variable of every step carries its own input, and nothing else.
        foreach (var step in Steps.Where(s => s.Children.ContainsKey("env")))
        {
            foreach (var (key, value) in Map(step, "env").Children.Select(c => (((YamlScalarNode)c.Key).Value!, ((YamlScalarNode)c.Value).Value!)))
            {
                if (key.StartsWith("INPUT_", StringComparison.Ordinal))
                {
                    var input = declared.Single(n => InputReader.VariableName(n) == key);
                    Assert.AreEqual($"${{{{ inputs.{input} }}}}", value);
                }
            }
        }
    }

    [TestMethod]
    public void The_token_and_the_age_key_reach_only_the_step_that_runs_dagger()
    {
        foreach (var step in Steps.Where(s => s.Children.ContainsKey("env") && Scalar(s, "id") != "run"))
        {
            var keys = Map(step, "env").Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value).ToList();
            CollectionAssert.DoesNotContain(keys, "INPUT_TOKEN");
            CollectionAssert.DoesNotContain(keys, "INPUT_AGE-KEY");
        }
    }

    [TestMethod]
    public void Defaults_match_the_issue_and_the_version_never_floats()
    {
        var inputs = Map(Root, "inputs");
        Assert.AreEqual("${{ github.token }}", Scalar(Map(inputs, "token"), "default"));
        Assert.AreEqual("dagger", Scalar(Map(inputs, "check-name"), "default"));
        Assert.AreEqual("up", Scalar(Map(inputs, "command"), "default"));
        Assert.AreEqual("auto", Scalar(Map(inputs, "report"), "default"));
        Assert.AreEqual("true", Scalar(Map(inputs, "summary"), "default"));
        Assert.AreEqual("true", Scalar(Map(inputs, "fail-on-error"), "default"));
        Assert.AreEqual("false", Scalar(Map(inputs, "install-only"), "default"));
        Assert.AreEqual("", Scalar(Map(inputs, "version"), "default"));
        Assert.IsTrue(ToolVersion.IsValid(ToolVersion.OfAction), ToolVersion.OfAction);
    }

    [TestMethod]
    public void Every_output_comes_from_the_run_step()
    {
        var outputs = Map(Root, "outputs");
        CollectionAssert.AreEquivalent(
            new[] { "result", "outputs", "computed", "skipped", "duration", "check-run-id", "check-run-url", "stdout" },
            outputs.Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value).ToArray());
        foreach (var (key, value) in outputs.Children)
        {
            Assert.AreEqual($"${{{{ steps.run.outputs.{((YamlScalarNode)key).Value} }}}}", Scalar((YamlMappingNode)value, "value"));
        }
    }

    [TestMethod]
    public void Cleanup_runs_in_all_cases()
    {
        Assert.AreEqual("always()", Scalar(Steps.Last(), "if"));
    }
}
