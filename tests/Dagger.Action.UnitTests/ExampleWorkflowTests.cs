using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Dagger.Action.UnitTests;

/// <summary>examples/github/workflow.yml: it uses this repository's action with inputs it has, and the permissions it needs.</summary>
[TestClass]
public sealed class ExampleWorkflowTests
{
    private static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "action.yml")))
        {
            directory = directory.Parent;
        }

        return directory!.FullName;
    }

    private static YamlMappingNode Load(string relative)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Root(), relative));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string Value(YamlNode node) => ((YamlScalarNode)node).Value!;

    [TestMethod]
    public void The_example_uses_the_local_action_with_declared_inputs_and_the_permissions_it_needs()
    {
        var workflow = Load("examples/github/workflow.yml");
        var declared = ((YamlMappingNode)Load("action.yml")["inputs"]).Children.Keys.Select(Value).ToHashSet();

        var permissions = (YamlMappingNode)workflow["permissions"];
        Assert.AreEqual("write", Value(permissions["checks"]));
        Assert.AreEqual("write", Value(permissions["statuses"]));

        var steps = ((YamlMappingNode)workflow["jobs"]).Children.Values.Cast<YamlMappingNode>()
            .SelectMany(job => ((YamlSequenceNode)job["steps"]).Cast<YamlMappingNode>()).ToList();
        var actions = steps.Where(s => s.Children.TryGetValue("uses", out var uses) && Value(uses) == "./").ToList();
        foreach (var input in actions.SelectMany(a => ((YamlMappingNode)a["with"]).Children.Keys.Select(Value)))
        {
            CollectionAssert.Contains(declared.ToList(), input);
        }

        // Each example plan that a job runs is in the repository: the hello plan, and the .NET delivery pipeline.
        var plans = actions.Select(a => Value(a["with"]["plan"])).ToList();
        CollectionAssert.AreEquivalent(new[] { "examples/hello", "examples/dotnet/ci" }, plans);
        foreach (var plan in plans)
        {
            Assert.IsNotEmpty(Directory.GetFiles(Path.Combine(Root(), plan), "*.cue"), plan);
        }

        foreach (var step in steps.Where(s => s.Children.ContainsKey("run")))
        {
            StringAssert.DoesNotMatch(Value(step["run"]), new Regex(@"\$\{\{"), "values reach scripts through env:");
        }
    }
}
