using System.Text.Json;
using Dagger.TestRig;

namespace Dagger.Tool.IntegrationTests.Environments;

/// <summary>
/// Environments on the real engine: a new user's whole session (init, new, inputs of every kind, up, query, output
/// list, history, one input changed and only its dependants run again), up --target, and the faults: two runs at
/// once, a run that fails.
/// </summary>
[TestClass]
public sealed class EnvironmentRunTests
{
    private const string Token = "tok-7f3a9c-Plaintext";

    private const string Plan = """
        package main

        import "alpha.dagger.io/dagger"

        // who to greet
        name: dagger.#Input & string
        loud: dagger.#Input & bool
        config: dagger.#Input & {port: int}
        src: dagger.#Input & dagger.#Artifact
        token: dagger.#Input & dagger.#Secret

        greeting: {
        	string
        	#up: [
        		{do: "fetch-container", ref: "dagger-test/busybox"},
        		{do: "exec", args: ["sh", "-c", "printf 'hello %s' \"$NAME\" > /out"], env: NAME: name},
        		{do: "export", source: "/out"},
        	]
        }
        files: {
        	string
        	#up: [
        		{do: "fetch-container", ref: "dagger-test/busybox"},
        		{do: "exec", args: ["sh", "-c", "cat /src/a.txt | tr -d '\\n' > /out"], mount: "/src": from: src},
        		{do: "export", source: "/out"},
        	]
        }
        secretCheck: {
        	string
        	#up: [
        		{do: "fetch-container", ref: "dagger-test/busybox"},
        		{do: "exec", args: ["sh", "-c", "cat /run/token; [ \"$(cat /run/token)\" = \(tokenValue) ] && printf ok > /out"], mount: "/run/token": secret: token},
        		{do: "export", source: "/out"},
        	]
        }
        tokenValue: "tok-7f3a9c-Plaintext"
        // the greeting, shouted or not
        message: dagger.#Output & {string, "\(greeting) on \(config.port)\(_bang)"}
        _bang: *"" | string
        if loud {_bang: "!"}
        """;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task A_new_user_sets_every_kind_of_input_runs_queries_and_reads_the_history()
    {
        using var w = new RigWorkspace();
        await w.OkAsync("init");
        // The token's value is in the plan only to check it in the exec: here it is a fixture, not the secret.
        w.Write("main.cue", Plan.Replace("tokenValue: \"tok-7f3a9c-Plaintext\"", "tokenValue: \"tok-\" + \"7f3a9c-Plaintext\"", StringComparison.Ordinal));
        w.Write("data/a.txt", "from the project\n");
        await w.OkAsync("new", "ci");

        // Nothing set: up refuses and names each missing input.
        var (refused, _, refusal) = await w.RunAsync("up", "-e", "ci", "--log-format", "plain");
        Assert.AreEqual(1, refused);
        StringAssert.Contains(refusal, "DAG6010");
        foreach (var missing in new[] { "name (string)", "loud (bool)", "src (dagger.#Artifact)", "token (dagger.#Secret)" })
        {
            StringAssert.Contains(refusal, missing);
        }

        await w.OkAsync("input", "text", "name", "world");
        await w.OkAsync("input", "bool", "loud", "true");
        await w.OkAsync("input", "json", "config", "{\"port\": 8080}");
        await w.OkAsync("input", "dir", "src", "data");
        w.Stdin = Token;
        await w.OkAsync("input", "secret", "token", "-f", "-");

        var (code, output, events) = await w.RunAsync("up", "-e", "ci", "--log-format", "json");
        Assert.AreEqual(0, code, events);
        StringAssert.Contains(output, "message  \"hello world on 8080!\"  the greeting, shouted or not");
        Assert.DoesNotContain(Token, events);
        Assert.DoesNotContain(Token, output);
        StringAssert.Contains(events, "\"environment\":\"ci\"");

        using (var computed = JsonDocument.Parse(await File.ReadAllTextAsync(w.State("ci", "computed.json"))))
        {
            Assert.AreEqual("hello world", computed.RootElement.GetProperty("greeting").GetString());
            Assert.AreEqual("from the project", computed.RootElement.GetProperty("files").GetString());
            Assert.AreEqual("ok", computed.RootElement.GetProperty("secretCheck").GetString());
            Assert.IsFalse(computed.RootElement.TryGetProperty("name", out _), "inputs are not computed values");
        }

        Assert.AreEqual("hello world\n", await w.OkAsync("query", "greeting", "-f", "text"));
        Assert.AreEqual("\"hello world on 8080!\"\n", await w.OkAsync("query", "message"));
        await w.OkAsync("query", "-c", "greeting");
        StringAssert.Contains(await w.OkAsync("output", "list"), "message  \"hello world on 8080!\"  the greeting, shouted or not");

        var history = await w.OkAsync("history");
        var lines = history.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(2, lines, history);
        StringAssert.Contains(lines[1], "success");
        StringAssert.Contains(lines[1], "4/4 computed", "greeting, files, secretCheck, and src (the dir input's own pipeline)");
        var firstId = lines[1].Split(' ')[0];

        // One input changed: only the task that reads it runs again; the others are answered from the cache.
        // A name never used before, so that the engine's cache (shared by every run of these tests) cannot answer it.
        var fresh = "dagger-" + Guid.NewGuid().ToString("N")[..8];
        await w.OkAsync("input", "text", "name", fresh);
        var (again, _, againEvents) = await w.RunAsync("up", "--log-format", "json");
        Assert.AreEqual(0, again, againEvents);
        Assert.AreEqual($"\"hello {fresh} on 8080!\"\n", await w.OkAsync("query", "message"));
        var ids = (await w.OkAsync("history")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(' ')[0]).ToList();
        Assert.HasCount(2, ids);
        Assert.AreEqual(firstId, ids[0]);
        using var second = JsonDocument.Parse(await w.OkAsync("history", "show", ids[1], "-f", "json"));
        var tasks = second.RootElement.GetProperty("tasks").EnumerateArray().ToDictionary(t => t.GetProperty("path").GetString()!, t => t.GetProperty("cached").GetBoolean());
        Assert.IsFalse(tasks["greeting"], "greeting reads name: it ran again");

        // Which commands ran: the exec of each task, as op.completed tells (a local folder is always sent again).
        var execs = againEvents.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("event").GetString() == "op.completed" && e.GetProperty("opIndex").GetInt32() == 1)
            .ToDictionary(e => e.GetProperty("task").GetString()!, e => e.GetProperty("cached").GetBoolean());
        Assert.IsFalse(execs["greeting"], againEvents);
        Assert.IsTrue(execs["files"], "files does not depend on name");
        Assert.IsTrue(execs["secretCheck"], "secretCheck does not depend on name");
        Assert.AreEqual("success", second.RootElement.GetProperty("result").GetString());
        Assert.AreEqual(0, second.RootElement.GetProperty("exitCode").GetInt32());
        StringAssert.StartsWith(second.RootElement.GetProperty("engine").GetString(), "docker+unix://");
        StringAssert.Contains(await w.OkAsync("history", "show", ids[1]), "greeting     computed");

        // Command-line inputs override the environment's for one run; values.yaml keeps its own.
        var (overridden, overrideOut, overrideErr) = await w.RunAsync("up", "--input-string", "name=override", "--log-format", "plain");
        Assert.AreEqual(0, overridden, overrideErr);
        StringAssert.Contains(overrideOut, "hello override on 8080!");
        StringAssert.Contains(await File.ReadAllTextAsync(Path.Combine(w.Root, ".dagger", "env", "ci", "values.yaml")), "text: " + fresh);

        // Only what a target needs.
        var (targeted, _, targetErr) = await w.RunAsync("up", "--target", "files", "--log-format", "json");
        Assert.AreEqual(0, targeted, targetErr);
        var completed = targetErr.Split('\n').Where(l => l.Contains("\"event\":\"task.completed\"", StringComparison.Ordinal)).ToList();
        var ran = completed.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("task").GetString()).Order(StringComparer.Ordinal).ToList();
        CollectionAssert.AreEqual(new[] { "files", "src" }, ran, "files and the dir input it mounts; not greeting nor secretCheck");

        foreach (var file in Directory.EnumerateFiles(Path.Combine(w.Root, ".dagger"), "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(Token, await File.ReadAllTextAsync(file), file);
        }
    }

    private const string SlowPlan = """
        package main

        slow: {
        	string
        	#up: [
        		{do: "fetch-container", ref: "dagger-test/busybox"},
        		{do: "exec", args: ["sh", "-c", "sleep 2; date +%s%N > /out"], always: true},
        		{do: "export", source: "/out"},
        	]
        }
        """;

    // Alone, like CancellationTests: two sessions solving one graph at once beside other tests' solves once made the
    // engine's BuildKit panic ("failed to get edge").
    [TestMethod]
    [DoNotParallelize]
    public async Task Two_runs_of_one_environment_at_once_one_waits_and_nothing_is_corrupted()
    {
        using var w = new RigWorkspace();
        await w.OkAsync("init");
        w.Write("main.cue", SlowPlan);
        await w.OkAsync("new", "ci");

        var first = w.RunAsync("up", "--log-format", "json", "--no-cache");
        await Task.Delay(700, TestContext.CancellationToken);
        var (busy, _, busyErr) = await w.RunAsync("up", "--log-format", "json", "--no-wait");
        Assert.AreEqual(1, busy, busyErr);
        StringAssert.Contains(busyErr, "\"code\":\"DAG6008\"");
        var second = w.RunAsync("up", "--log-format", "json", "--no-cache");
        var results = await Task.WhenAll(first, second);
        Assert.AreEqual(0, results[0].Code, results[0].Err);
        Assert.AreEqual(0, results[1].Code, results[1].Err);
        Assert.AreEqual(1, results[1].Err.Split('\n').Count(l => l.Contains("\"code\":\"DAG6009\"", StringComparison.Ordinal)), "the second says once that it waits");
        Assert.AreEqual(0, results[0].Err.Split('\n').Count(l => l.Contains("DAG6009", StringComparison.Ordinal)));

        using var computed = JsonDocument.Parse(await File.ReadAllTextAsync(w.State("ci", "computed.json")));
        Assert.IsFalse(string.IsNullOrEmpty(computed.RootElement.GetProperty("slow").GetString()));
        var history = (await w.OkAsync("history")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(3, history, "two runs recorded; the refused one did not start");
        Assert.IsEmpty(Directory.GetFiles(Path.Combine(w.Root, ".dagger", "env", "ci", "state"), "*.tmp"));
    }

    [TestMethod]
    public async Task A_failed_run_keeps_the_previous_state_and_is_recorded()
    {
        var (w, before) = await FirstRunAsync("""
            fail: dagger.#Input & bool
            result: {
            	string
            	#up: [
            		{do: "fetch-container", ref: "dagger-test/busybox"},
            		{do: "exec", args: ["sh", "-c", "[ \(fail) = false ] && printf fine > /out || exit 7"]},
            		{do: "export", source: "/out"},
            	]
            }
            """, "bool", "fail", "false");
        using var workspace = w;
        StringAssert.Contains(before, "\"result\": \"fine\"");

        await w.OkAsync("input", "bool", "fail", "true");
        var (code, _, error) = await w.RunAsync("up", "--log-format", "plain");
        Assert.AreEqual(7, code, error);
        Assert.AreEqual(before, await File.ReadAllTextAsync(w.State("ci", "computed.json")));
        var record = await LastRunAsync(w);
        Assert.AreEqual(7, record.GetProperty("exitCode").GetInt32());
        StringAssert.StartsWith(record.GetProperty("error").GetString(), "DAG4001");
    }

    // A project with one environment "ci" of the plan (the package header and dagger import added), one input set, and
    // one run done: the state that a later run must not lose.
    private static async Task<(RigWorkspace Workspace, string Computed)> FirstRunAsync(string plan, string kind, string input, string value)
    {
        var w = new RigWorkspace();
        await w.OkAsync("init");
        w.Write("main.cue", "package main\n\nimport \"alpha.dagger.io/dagger\"\n\n" + plan);
        await w.OkAsync("new", "ci");
        await w.OkAsync("input", kind, input, value);
        await w.OkAsync("up", "--log-format", "plain");
        return (w, await File.ReadAllTextAsync(w.State("ci", "computed.json")));
    }

    // The history's last run, which must be a failure.
    private static async Task<JsonElement> LastRunAsync(RigWorkspace w)
    {
        var last = (await w.OkAsync("history")).Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        StringAssert.Contains(last, "failure");
        using var record = JsonDocument.Parse(await w.OkAsync("history", "show", last.Split(' ')[0], "-f", "json"));
        return record.RootElement.Clone();
    }

    // Alone: the engine's BuildKit cancels the session's solve when the connection drops, as for a cancellation.
    [TestMethod]
    [DoNotParallelize]
    public async Task An_engine_that_goes_away_mid_run_fails_it_clearly_keeps_the_state_and_is_recorded()
    {
        var (w, before) = await FirstRunAsync("""
            delay: dagger.#Input & string
            result: {
            	string
            	#up: [
            		{do: "fetch-container", ref: "dagger-test/busybox"},
            		{do: "exec", args: ["sh", "-c", "sleep \(delay); date +%s%N > /out"], always: true},
            		{do: "export", source: "/out"},
            	]
            }
            """, "text", "delay", "0");
        using var workspace = w;
        // 61: a number no other test sleeps for, so that its process can be told apart in the engine.
        await w.OkAsync("input", "text", "delay", "61");

        using var proxy = new EngineProxy(new Uri(Rig.Current.Engine.Uri));
        w.Engine = "docker+unix://" + proxy.Path;
        var stderr = new WatchedWriter("\"event\":\"task.started\"");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var run = w.RunAsync(stderr, "up", "--log-format", "json");
        await stderr.Seen.WaitAsync(TimeSpan.FromSeconds(120), TestContext.CancellationToken);
        // The exec sleeps for a minute: a moment after its task starts, the solve is on the engine.
        await Task.Delay(1500, TestContext.CancellationToken);
        await EngineProcesses.WaitPresentAsync(TimeSpan.FromSeconds(10), TestContext.CancellationToken, "sleep", "61");
        var layer = EngineMounts.RootLayer(EngineProcesses.Find("sleep", "61")[0]);
        Assert.IsNotNull(layer, "the exec runs on an overlay root filesystem");
        Assert.IsNotEmpty(EngineMounts.MountedWith(layer), "the exec's root filesystem is mounted on this machine");
        Assert.IsGreaterThan(0, proxy.Connections);
        proxy.Kill();
        var (code, _, error) = await run.WaitAsync(TimeSpan.FromSeconds(60), TestContext.CancellationToken);
        TestContext.WriteLine($"failed {clock.Elapsed} after the start, {error.Length} characters of events");

        Assert.AreNotEqual(0, code, error);
        using var completed = JsonDocument.Parse(error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last());
        Assert.AreEqual("run.completed", completed.RootElement.GetProperty("event").GetString());
        Assert.AreEqual("failure", completed.RootElement.GetProperty("result").GetString());
        var failure = completed.RootElement.GetProperty("error");
        Assert.AreEqual("DAG3003", failure.GetProperty("code").GetString(), "an engine error, not a failure of the plan's build: " + failure);
        StringAssert.StartsWith(failure.GetProperty("message").GetString(), "the connection to the engine was lost: ", failure.ToString());
        Assert.IsFalse(error.Contains("   at ", StringComparison.Ordinal), "no stack trace: " + error);

        Assert.AreEqual(before, await File.ReadAllTextAsync(w.State("ci", "computed.json")), "the previous state stays");
        Assert.IsEmpty(Directory.GetFiles(Path.Combine(w.Root, ".dagger", "env", "ci", "state"), "*.tmp"));
        StringAssert.StartsWith((await LastRunAsync(w)).GetProperty("error").GetString(), "DAG3003");

        // The engine cancelled the session's solve when the connection dropped: its container is gone too.
        var gone = await EngineProcesses.WaitGoneAsync(TimeSpan.FromSeconds(20), TestContext.CancellationToken, "sleep", "61");
        TestContext.WriteLine($"the exec's process was gone {gone.TotalSeconds:0.0} s after the run failed");
        var unmounted = await EngineMounts.WaitGoneAsync(layer, TimeSpan.FromSeconds(20), TestContext.CancellationToken);
        TestContext.WriteLine($"and its root filesystem unmounted {unmounted.TotalSeconds:0.0} s later");
    }

    /// <summary>A writer that a test can wait on until it has been given <c>marker</c>.</summary>
    private sealed class WatchedWriter(string marker) : StringWriter(System.Globalization.CultureInfo.InvariantCulture)
    {
        private readonly TaskCompletionSource seen = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock gate = new();

        public Task Seen => seen.Task;

        public override void Write(char value)
        {
            lock (gate)
            {
                base.Write(value);
                Check();
            }
        }

        public override void Write(string? value)
        {
            lock (gate)
            {
                base.Write(value);
                Check();
            }
        }

        public override void Write(char[] buffer, int index, int count)
        {
            lock (gate)
            {
                base.Write(buffer, index, count);
                Check();
            }
        }

        public override string ToString()
        {
            lock (gate)
            {
                return base.ToString();
            }
        }

        private void Check()
        {
            if (!seen.Task.IsCompleted && GetStringBuilder().ToString().Contains(marker, StringComparison.Ordinal))
            {
                seen.TrySetResult();
            }
        }
    }
}
