using System.Text.Json;
using Dagger.Runtime.Engine.Plans;
using Dagger.Runtime.Engine.Runs;
using Dagger.TestRig;

namespace Dagger.Engine.Tests.Plans;

/// <summary>
/// The original's <c>dagger compute</c> contracts (spec §5.1, §5.2), on hermetic fixtures: each folder under
/// Fixtures/ holds a plan and either <c>expect.json</c> (the exact output line) or <c>expect.error</c> (a part of
/// the error message).
/// </summary>
[TestClass]
public sealed class ComputeFixtureTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public TestContext TestContext { get; set; } = null!;

    public static IEnumerable<object[]> Cases =>
        Directory.GetFiles(Root, "main.cue", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, Path.GetDirectoryName(f)!).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .Select(name => new object[] { name });

    private async Task<RunResult> ComputeAsync(string name, params PlanInput[] inputs)
    {
        var dir = Directory.CreateTempSubdirectory("dagger-fixture-").FullName;
        File.Copy(Path.Combine(Root, name, "main.cue"), Path.Combine(dir, "main.cue"));
        Directory.CreateDirectory(Path.Combine(dir, "cue.mod"));
        await File.WriteAllTextAsync(Path.Combine(dir, "cue.mod", "module.cue"), "module: \"\"\n", TestContext.CancellationToken);
        return await PlanRunner.RunAsync(
            new RunRequest { PlanDirectory = dir, Inputs = inputs, Engine = Rig.Current.Engine },
            null,
            TestContext.CancellationToken);
    }

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public async Task Fixture_computes_as_the_original(string name)
    {
        var expectJson = Path.Combine(Root, name, "expect.json");
        var expectError = Path.Combine(Root, name, "expect.error");
        if (File.Exists(expectJson))
        {
            var result = await ComputeAsync(name);
            Assert.AreEqual((await File.ReadAllTextAsync(expectJson, TestContext.CancellationToken)).Trim(), ComputedJson.Render(result.Plan.Root));
        }
        else if (File.Exists(expectError))
        {
            var e = await Assert.ThrowsAsync<Exception>(() => ComputeAsync(name));
            StringAssert.Contains(e.Message, (await File.ReadAllTextAsync(expectError, TestContext.CancellationToken)).Trim());
            Assert.DoesNotContain("   at ", e.Message);
        }
        else
        {
            Assert.AreEqual("core/exec-nocache", name, "every fixture but this one states its expectation in a file");
            var result = await ComputeAsync(name);
            using var doc = JsonDocument.Parse(ComputedJson.Render(result.Plan.Root));
            var rand = doc.RootElement.GetProperty("rand").GetString()!;
            Assert.MatchesRegex("^[0-9a-f]{16}$", rand);
            Assert.AreEqual(rand, doc.RootElement.GetProperty("ref1").GetString(), "an always pipeline referenced twice runs once");
            Assert.AreEqual(rand, doc.RootElement.GetProperty("ref2").GetString());
        }
    }

    [TestMethod]
    public async Task A_string_input_makes_a_skipped_pipeline_run()
    {
        var skipped = await ComputeAsync("exec/non-concrete-referenced");
        Assert.AreEqual("(root)", skipped.Report.Skipped.Single().Path.Length == 0 ? "(root)" : skipped.Report.Skipped.Single().Path);
        var e = await Assert.ThrowsAsync<Exception>(() => ComputeAsync("exec/non-concrete-referenced", new TextInput("bar", "now concrete")));
        StringAssert.Contains(e.Message, "exit code: 1", "with bar set, the exec runs and fails as the plan says");
    }
}
