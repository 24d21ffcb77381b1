using System.Globalization;
using System.Text.Json;
using Dagger.TestRig;

namespace Dagger.Tool.IntegrationTests.Environments;

/// <summary>
/// Several <c>dagger up</c> processes at once, on different environments of one project and on one engine: each
/// run gets its own values, state and history, and none waits for another.
/// </summary>
// Alone: the other tests' solves would make the timing of these ones meaningless, and BuildKit's known fragility
// under concurrent sessions (see CancellationTests) is what this class probes, on its own.
[TestClass]
[DoNotParallelize]
public sealed class ConcurrentRunTests
{
    private const string Plan = """
        package main

        import "alpha.dagger.io/dagger"

        name: dagger.#Input & string

        // Shared by every environment: the same cached vertex under concurrent sessions.
        base: #up: [
        	{do: "fetch-container", ref: "dagger-test/busybox"},
        	{do: "exec", args: ["sh", "-c", "echo shared > /shared"]},
        ]

        // Its own per environment, run every time.
        greeting: {
        	string
        	#up: [
        		{do: "load", from: base},
        		{do: "exec", args: ["sh", "-c", "sleep 1; printf 'hello %s from %s' \"$NAME\" \"$(cat /shared)\" > /out"], env: NAME: name, always: true},
        		{do: "export", source: "/out"},
        	]
        }
        message: dagger.#Output & {string, "\(greeting)!"}
        """;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Two_then_ten_runs_at_once_on_different_environments_all_succeed_with_their_own_state()
    {
        using var w = new RigWorkspace();
        await w.OkAsync("init");
        w.Write("main.cue", Plan);
        var names = Enumerable.Range(1, 10).Select(i => "env" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        foreach (var name in names)
        {
            await w.OkAsync("new", name);
            await w.OkAsync("input", "text", "name", name, "-e", name);
        }

        await RunAtOnceAsync(w, names.Take(2).ToList());
        await RunAtOnceAsync(w, names);

        foreach (var name in names)
        {
            using var computed = JsonDocument.Parse(await File.ReadAllTextAsync(w.State(name, "computed.json"), TestContext.CancellationToken));
            Assert.AreEqual($"hello {name} from shared!", computed.RootElement.GetProperty("message").GetString(), name);
            var history = (await w.OkAsync("history", "-e", name)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.HasCount(name is "env1" or "env2" ? 3 : 2, history, $"{name}: a header, then one line a run");
            Assert.IsEmpty(Directory.GetFiles(Path.Combine(w.Root, ".dagger", "env", name, "state"), "*.tmp"), name);
        }
    }

    // Real processes, as users start them: no state is shared but the project's files and the engine.
    private async Task RunAtOnceAsync(RigWorkspace w, List<string> environments)
    {
        var runs = environments.Select(name => ToolUnderTest.Current.RunAsync(
            ["up", "-e", name, "--log-format", "json", "--engine", "docker+" + Rig.Current.Engine.Uri],
            w.Root,
            w.Variables,
            TimeSpan.FromMinutes(5),
            TestContext.CancellationToken)).ToList();
        var results = await Task.WhenAll(runs);
        for (var i = 0; i < results.Length; i++)
        {
            var (name, result) = (environments[i], results[i]);
            Assert.AreEqual(0, result.ExitCode, $"{name}: {result.Stderr}");
            var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            EventContract.Require(lines);
            Assert.IsFalse(lines.Any(l => l.Contains("\"code\":\"DAG6009\"", StringComparison.Ordinal)), $"{name} waited for another environment: {result.Stderr}");
            Assert.Contains($"\"value\":\"hello {name} from shared!\"", lines[^1], name);
        }
    }
}
