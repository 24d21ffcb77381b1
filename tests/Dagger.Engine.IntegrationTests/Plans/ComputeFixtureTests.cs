using System.Text.Json;
using Dagger.Runtime.Engine.Plans;
using Dagger.Runtime.Engine.Runs;
using Dagger.TestRig;

namespace Dagger.Engine.IntegrationTests.Plans;

/// <summary>
/// The original's <c>dagger compute</c> contracts (spec §5.1, §5.2), on hermetic fixtures. Each folder under
/// Fixtures/ with a <c>main.cue</c> is a plan, copied whole (a <c>cue.mod/pkg</c> included) into a fresh module,
/// with <c>expect.json</c> (the exact output line), <c>expect.error</c> (lines the error message must each contain)
/// or <c>expect.same</c> (a pattern, then fields that must share one value matching it). An optional <c>inputs.txt</c> gives inputs, one a line: <c>text K=V</c>, <c>secret K=V</c> or
/// <c>dir K=PATH</c> (relative to the fixture). <c>@@NAME@@</c> placeholders name the rig (<see cref="FixturePlaceholders"/>).
/// </summary>
[TestClass]
public sealed class ComputeFixtureTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Fixtures");
    private static readonly HashSet<string> FixtureFiles = new(StringComparer.Ordinal) { "expect.json", "expect.error", "expect.same", "inputs.txt" };

    public TestContext TestContext { get; set; } = null!;

    public static IEnumerable<object[]> Cases =>
        Directory.GetFiles(Root, "main.cue", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, Path.GetDirectoryName(f)!).Replace('\\', '/'))
            .Where(name => !name.Contains("/cue.mod/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => new object[] { name });

    private async Task<RunOutcome> ComputeAsync(string name, params PlanInput[] extra)
    {
        var ct = TestContext.CancellationToken;
        var source = Path.Combine(Root, name);
        var dir = Directory.CreateTempSubdirectory("dagger-fixture-").FullName;
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (FixtureFiles.Contains(relative))
            {
                continue;
            }

            var target = Path.Combine(dir, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await File.WriteAllTextAsync(target, await FixturePlaceholders.ExpandAsync(await File.ReadAllTextAsync(file, ct), ct), ct);
        }

        var module = Path.Combine(dir, "cue.mod", "module.cue");
        if (!File.Exists(module))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(module)!);
            await File.WriteAllTextAsync(module, "module: \"\"\n", ct);
        }

        var inputs = new List<PlanInput>(await InputsAsync(source, dir));
        inputs.AddRange(extra);
        var (outcome, _) = await EngineRun.RunAsync(new RunRequest { PlanDirectory = dir, Inputs = inputs, WithComputedJson = true }, ct);
        return outcome;
    }

    private async Task<IReadOnlyList<PlanInput>> InputsAsync(string source, string copy)
    {
        var file = Path.Combine(source, "inputs.txt");
        if (!File.Exists(file))
        {
            return [];
        }

        var inputs = new List<PlanInput>();
        foreach (var line in await File.ReadAllLinesAsync(file, TestContext.CancellationToken))
        {
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            var (kind, key) = (line[..space], line[(space + 1)..eq]);
            var value = await FixturePlaceholders.ExpandAsync(line[(eq + 1)..], TestContext.CancellationToken);
            inputs.Add(kind switch
            {
                "text" => new TextInput(key, value),
                "secret" => new SecretInput(key, value),
                "dir" => new DirectoryInput(key, Path.Combine(copy, value), [], []),
                _ => throw new InvalidDataException($"{file}: unknown input kind \"{kind}\""),
            });
        }

        return inputs;
    }

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public async Task Fixture_computes_as_the_original(string name)
    {
        var expectJson = Path.Combine(Root, name, "expect.json");
        var expectError = Path.Combine(Root, name, "expect.error");
        if (File.Exists(expectJson))
        {
            var result = EngineRun.Succeeded(await ComputeAsync(name));
            Assert.AreEqual((await File.ReadAllTextAsync(expectJson, TestContext.CancellationToken)).Trim(), result.ComputedJson);
        }
        else if (File.Exists(expectError))
        {
            // The lines must be found in the error as the plain log prints it: main.cue:5:2: error DAG4001: message.
            var result = await ComputeAsync(name);
            Assert.AreEqual(RunResult.Failure, result.Result);
            var error = EngineRun.Describe(result);
            TestContext.WriteLine(error);
            foreach (var line in (await File.ReadAllLinesAsync(expectError, TestContext.CancellationToken)).Where(l => l.Trim().Length > 0))
            {
                StringAssert.Contains(error, await FixturePlaceholders.ExpandAsync(line.Trim(), TestContext.CancellationToken));
            }

            Assert.DoesNotContain("   at ", error);
            Assert.DoesNotContain("Grpc.Core", error);
        }
        else
        {
            // expect.same: a pattern, then fields that must all hold one value matching it (a random value computed once).
            var same = await File.ReadAllLinesAsync(Path.Combine(Root, name, "expect.same"), TestContext.CancellationToken);
            var result = EngineRun.Succeeded(await ComputeAsync(name));
            using var doc = JsonDocument.Parse(result.ComputedJson!);
            var first = doc.RootElement.GetProperty(same[1]).GetString()!;
            Assert.MatchesRegex(same[0], first);
            foreach (var field in same.Skip(2).Where(l => l.Length > 0))
            {
                Assert.AreEqual(first, doc.RootElement.GetProperty(field).GetString(), $"{field} is {same[1]}: its pipeline runs once");
            }
        }
    }

    [TestMethod]
    public async Task A_string_input_makes_a_skipped_pipeline_run()
    {
        var skipped = EngineRun.Succeeded(await ComputeAsync("exec/non-concrete-referenced"));
        var task = skipped.Tasks.Single(t => t.Status == TaskState.Skipped);
        Assert.AreEqual(string.Empty, task.Path);
        CollectionAssert.AreEqual(new[] { "bar" }, task.WaitingFor.ToArray(), "the warning names the input to set, not the op's field");
        var failed = await ComputeAsync("exec/non-concrete-referenced", new TextInput("bar", "now concrete"));
        StringAssert.Contains(failed.Error?.Message, "exec sh -c echo now concrete; exit 1: exited with code 1", "with bar set, the exec runs and fails as the plan says");
        StringAssert.EndsWith(failed.Error?.Message, "exited with code 1, after \"now concrete\"", "the command's last line is in the one-line error");
    }
}
