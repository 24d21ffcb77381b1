using System.Text.Encodings.Web;
using System.Text.Json;
using Dagger.TestRig;
using Dagger.Tool.IntegrationTests.Environments;
using Dagger.Tool.Rendering;

namespace Dagger.Tool.IntegrationTests.EndToEnd;

/// <summary>
/// The leak test of issue 17: secrets of five shapes are printed, exported, failed with, mounted and given to a
/// Dockerfile build by plans that run on the real engine, and every channel the tool writes is searched for them as
/// they are and in their base64, URL-encoded and JSON-escaped forms: stdout and stderr in each log format, the JSON
/// events, <c>computed.json</c>, <c>values.yaml</c>, the run history, the <c>--dry-run</c> LLB, <c>query</c>,
/// <c>output list</c> and error messages. Every run ignores the cache, so every command really prints.
/// </summary>
/// <remarks>
/// Alone, like CancellationTests: run beside EnvironmentRunTests, which solves the same busybox graph in other
/// sessions, these runs without the cache made the engine's BuildKit (v0.8) panic ("failed to get edge") twice.
/// </remarks>
[TestClass]
[DoNotParallelize]
public sealed class SecretLeakTests
{
    private static readonly IReadOnlyList<(string Path, string Value)> Secrets = SecretShapes.All;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Secrets_printed_exported_mounted_and_built_reach_no_channel()
    {
        using var w = await WorkspaceAsync("ok");
        var leaks = new List<string>();

        var (code, output, events) = await w.RunAsync("up", "--no-cache", "--log-format", "json");
        Assert.AreEqual(0, code, events);
        Search(leaks, "up json: stdout", output);
        Search(leaks, "up json: stderr", events);

        // What the commands printed reached the events, hidden: the test would find nothing if nothing were printed.
        var lines = Events(events).Where(e => e.GetProperty("event").GetString() == "task.log").Select(e => e.GetProperty("message").GetString()!).ToList();
        foreach (var secret in Secrets)
        {
            CollectionAssert.Contains(lines, "base64 " + secret.Path + ": ***", events);
            CollectionAssert.Contains(lines, "json " + secret.Path + ": {\"v\":\"***\"}", events);
            Assert.IsTrue(lines.Any(l => l.StartsWith("basic " + secret.Path + ": dXNlcj", StringComparison.Ordinal) && l.Contains("***", StringComparison.Ordinal)), secret.Path);
        }

        Assert.AreEqual(2, lines.Count(l => l == "split: ***"), "a secret that arrives in two chunks is hidden whole");
        // The exported value has the multi-line secrets in it: printed, it is several lines, each hidden.
        CollectionAssert.Contains(lines, "argument: *** | ***");
        CollectionAssert.Contains(lines, "environment: *** | ***");
        CollectionAssert.Contains(lines, "*** | *** | ***");
        using (var computed = JsonDocument.Parse(await File.ReadAllTextAsync(w.State("ci", "computed.json"), TestContext.CancellationToken)))
        {
            Assert.AreEqual("*** | *** | *** | *** | *** | ", computed.RootElement.GetProperty("exported").GetString());
            Assert.AreEqual("printed", computed.RootElement.GetProperty("printer").GetString());
            Assert.AreEqual("built", computed.RootElement.GetProperty("built").GetString(), "the Dockerfile read its secrets");
        }

        (code, output, var plain) = await w.RunAsync("up", "--no-cache", "--log-format", "plain");
        Assert.AreEqual(0, code, plain);
        StringAssert.Contains(plain, "split: ***");
        Search(leaks, "up plain: stdout", output);
        Search(leaks, "up plain: stderr", plain);

        w.Terminal = new Terminal(CanRedraw: true, Color: true, Width: () => 160, Height: () => 40);
        (code, output, var tty) = await w.RunAsync("up", "--no-cache", "--log-format", "tty");
        w.Terminal = null;
        Assert.AreEqual(0, code, tty);
        StringAssert.Contains(tty, "\u001b[", "the live view, with cursor movement");
        Search(leaks, "up tty: stdout", output);
        Search(leaks, "up tty: stderr", tty);

        (code, output, var dryRun) = await w.RunAsync("up", "--dry-run");
        Assert.AreEqual(0, code, dryRun);
        StringAssert.Contains(output, "dagger-secret:one", "the LLB names the secret mounts");
        Search(leaks, "up --dry-run: stdout (LLB)", output);
        Search(leaks, "up --dry-run: stderr", dryRun);

        await SearchQueriesAsync(w, leaks);
        Search(leaks, w.Root);
        Assert.IsEmpty(leaks, string.Join('\n', leaks));
    }

    [TestMethod]
    public async Task A_run_that_fails_with_secrets_and_a_secret_build_argument_leak_nothing()
    {
        using var w = await WorkspaceAsync("fail");
        var leaks = new List<string>();

        var (code, output, events) = await w.RunAsync("up", "--no-cache", "--log-format", "json");
        Assert.AreEqual(1, code, events);
        Search(leaks, "failed up json: stdout", output);
        Search(leaks, "failed up json: stderr", events);
        var failed = Events(events).Single(e => e.GetProperty("event").GetString() == "task.failed");
        Assert.AreEqual("DAG4001", failed.GetProperty("code").GetString(), events);
        var tail = failed.GetProperty("logTail").EnumerateArray().Select(l => l.GetString()).ToList();
        CollectionAssert.Contains(tail, "failing with *** | ***", events);
        StringAssert.Contains(failed.GetProperty("message").GetString(), "ppp ***…: exited with code 1", "the description was cut in the first secret");

        (code, output, var plain) = await w.RunAsync("up", "--no-cache", "--log-format", "plain");
        Assert.AreEqual(1, code, plain);
        StringAssert.Contains(plain, "error DAG4001");
        Search(leaks, "failed up plain: stdout", output);
        Search(leaks, "failed up plain: stderr", plain);

        w.Terminal = new Terminal(CanRedraw: true, Color: false, Width: () => 100, Height: () => 30);
        (code, output, var tty) = await w.RunAsync("up", "--no-cache", "--log-format", "tty");
        w.Terminal = null;
        Assert.AreEqual(1, code, tty);
        StringAssert.Contains(tty, "error DAG4001");
        Search(leaks, "failed up tty: stdout", output);
        Search(leaks, "failed up tty: stderr", tty);

        // A secret as a Dockerfile build argument is refused before anything reaches the engine, naming its id only.
        foreach (var format in new[] { "json", "plain" })
        {
            (code, output, var refused) = await w.RunAsync("up", "--no-cache", "--input-string", "mode=buildarg", "--log-format", format);
            Assert.AreEqual(1, code, refused);
            StringAssert.Contains(refused, "DAG2002");
            StringAssert.Contains(refused, "dagger-secret:one");
            Search(leaks, $"build argument up {format}: stdout", output);
            Search(leaks, $"build argument up {format}: stderr", refused);
        }

        await SearchQueriesAsync(w, leaks);
        Search(leaks, w.Root);
        Assert.IsEmpty(leaks, string.Join('\n', leaks));
    }

    [TestMethod]
    public async Task Compute_with_secrets_from_the_environment_leaks_nothing()
    {
        using var w = new RigWorkspace();
        w.Write("cue.mod/module.cue", "module: \"\"\n");
        w.Write("main.cue", SecretLeakPlan.Text);
        var args = new List<string> { "compute", w.Root, "--no-cache", "--log-format", "json", "--input-string", "mode=ok" };

        // --input-secret reads the process's own environment; names of this test alone, as other classes run beside it.
        var prefix = "DAGGER_LEAK_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant() + "_";
        foreach (var (path, value) in Secrets)
        {
            Environment.SetEnvironmentVariable(prefix + path.ToUpperInvariant(), value);
            args.AddRange(["--input-secret", $"{path}={prefix}{path.ToUpperInvariant()}"]);
        }

        int code;
        string output, events;
        try
        {
            (code, output, events) = await w.RunAsync([.. args]);
        }
        finally
        {
            foreach (var (path, _) in Secrets)
            {
                Environment.SetEnvironmentVariable(prefix + path.ToUpperInvariant(), null);
            }
        }

        Assert.AreEqual(0, code, events);
        using (var computed = JsonDocument.Parse(output))
        {
            Assert.AreEqual("*** | *** | *** | *** | *** | ", computed.RootElement.GetProperty("exported").GetString(), output);
        }

        var leaks = new List<string>();
        Search(leaks, "compute: stdout", output);
        Search(leaks, "compute json: stderr", events);
        Search(leaks, w.Root);
        Assert.IsEmpty(leaks, string.Join('\n', leaks));
    }

    // A project with the plan and an environment, its five secrets set as a user sets them (age-encrypted in
    // values.yaml).
    private static async Task<RigWorkspace> WorkspaceAsync(string mode)
    {
        var w = new RigWorkspace();
        try
        {
            await w.OkAsync("init");
            w.Write("main.cue", SecretLeakPlan.Text);
            await w.OkAsync("new", "ci");
            foreach (var (path, value) in Secrets)
            {
                w.Stdin = value;
                await w.OkAsync("input", "secret", path, "-f", "-");
            }

            w.Stdin = string.Empty;
            await w.OkAsync("input", "text", "mode", mode);
            return w;
        }
        catch
        {
            w.Dispose();
            throw;
        }
    }

    // What reads the environment's state back: query, output list and the run history.
    private static async Task SearchQueriesAsync(RigWorkspace w, List<string> leaks)
    {
        foreach (var args in new[] { new[] { "query" }, ["query", "exported", "-f", "text"], ["output", "list"], ["input", "list", "--all"], ["history"] })
        {
            var (_, output, error) = await w.RunAsync(args);
            Search(leaks, string.Join(' ', args) + ": stdout", output);
            Search(leaks, string.Join(' ', args) + ": stderr", error);
        }

        var ids = (await w.OkAsync("history")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(' ')[0]).ToList();
        Assert.IsNotEmpty(ids);
        foreach (var id in ids)
        {
            Search(leaks, $"history show {id} -f json", await w.OkAsync("history", "show", id, "-f", "json"));
            Search(leaks, $"history show {id}", await w.OkAsync("history", "show", id));
        }
    }

    // Every file of the project: values.yaml, state/computed.json, state/history/, anything else written there.
    private static void Search(List<string> leaks, string root)
    {
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToList();
        Assert.IsTrue(files.Any(f => f.EndsWith("values.yaml", StringComparison.Ordinal)) || !Directory.Exists(Path.Combine(root, ".dagger")), root);
        foreach (var file in files)
        {
            Search(leaks, Path.GetRelativePath(root, file), File.ReadAllText(file));
        }
    }

    private static void Search(List<string> leaks, string channel, string text) => leaks.AddRange(SecretShapes.Find(channel, text));

    private static List<JsonElement> Events(string stderr) =>
        [.. stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];
}
