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

    private static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Each secret is printed to stdout and stderr, in base64 (alone, and after "user:" as in a Basic header, which
    // shifts its alignment), inside a JSON string; two are printed in two halves a second apart, so that the engine
    // sends them in two chunks.
    private const string Script = """
        for f in one multi regex json short; do
          s=/run/secrets/$f
          echo "plain $f:"; cat $s; echo
          echo "stderr $f:" >&2; cat $s >&2; echo >&2
          echo "base64 $f: $(base64 -w0 < $s)"
          echo "basic $f: $(printf 'user:%s' "$(cat $s)" | base64 -w0)"
          echo "json $f: {\"v\":\"$(sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' $s | awk 'NR>1{printf "\\n"}{printf "%s", $0}')\"}"
        done
        for f in one regex; do
          s=/run/secrets/$f; n=$(wc -c < $s); h=$((n / 2))
          printf 'split: '; head -c $h $s; sleep 1; tail -c +$((h + 1)) $s; echo
        done
        printf printed > /out
        """;

    private const string Plan = """"
        package main

        import (
        	"alpha.dagger.io/dagger"
        	"alpha.dagger.io/docker"
        )

        one:   dagger.#Input & dagger.#Secret
        multi: dagger.#Input & dagger.#Secret
        regex: dagger.#Input & dagger.#Secret
        json:  dagger.#Input & dagger.#Secret
        short: dagger.#Input & dagger.#Secret
        // ok, fail (a command prints the secrets and fails) or buildarg (a secret given as a build argument)
        mode: dagger.#Input & string

        _mounts: {
        	"/run/secrets/one": secret:   one
        	"/run/secrets/multi": secret: multi
        	"/run/secrets/regex": secret: regex
        	"/run/secrets/json": secret:  json
        	"/run/secrets/short": secret: short
        }
        _base: #up: [{do: "fetch-container", ref: "dagger-test/busybox"}]

        printer: {
        	string
        	#up: [
        		{do: "fetch-container", ref: "dagger-test/busybox"},
        		{do: "write-file", dest: "/leak.sh", content: SCRIPT},
        		{do: "exec", args: ["sh", "/leak.sh"], mount: _mounts},
        		{do: "export", source: "/out"},
        	]
        }

        // every secret, through a file the plan exports
        exported: dagger.#Output & {
        	string
        	#up: [
        		{do: "fetch-container", ref: "dagger-test/busybox"},
        		{do: "exec", args: ["sh", "-c", "for f in one multi regex json short; do cat /run/secrets/$f; printf ' | '; done > /out"], mount: _mounts},
        		{do: "export", source: "/out"},
        	]
        }

        // the exported secrets, given on to a command's arguments and environment
        consumer: {
        	string
        	#up: [
        		{do: "fetch-container", ref: "dagger-test/busybox"},
        		{do: "exec", args: ["sh", "-c", "echo \"argument: $1\"; echo \"environment: $LEAKED\"; printf '%s' \"$1\" > /out", "consumer", exported], env: LEAKED: exported},
        		{do: "export", source: "/out"},
        	]
        }

        built: {
        	string
        	#up: [
        		{do: "docker-build", dockerfile: """
        			FROM dagger-test/busybox
        			RUN --mount=type=secret,id=dagger-secret:one,target=/s --mount=type=secret,id=dagger-secret:json,target=/j cat /s /j && base64 /s && printf built > /built
        			"""},
        		{do: "export", source: "/built"},
        	]
        }

        if mode == "fail" {
        	failing: {
        		string
        		#up: [
        			{do: "fetch-container", ref: "dagger-test/busybox"},
        			// The exported secrets are arguments too, where the op's description (cut at 120 characters) cuts one.
        			{
        				do: "exec"
        				args: ["sh", "-c", "eval \"$SCRIPT\"", "failing", "PAD", exported]
        				env: SCRIPT: "echo \"failing with $2\"; cat /run/secrets/one /run/secrets/json; printf 'user:%s' \"$(cat /run/secrets/short)\" | base64; exit 1"
        				mount: _mounts
        			},
        			{do: "export", source: "/out"},
        		]
        	}
        }

        if mode == "buildarg" {
        	image: docker.#Build & {
        		source:     _base
        		dockerfile: "FROM dagger-test/busybox\nARG TOKEN\nRUN echo \"$TOKEN\"\n"
        		args: TOKEN: one
        	}
        }
        """";

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
        w.Write("main.cue", PlanText());
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

    // 'exec sh -c eval "$SCRIPT" failing ' is 34 characters, and 66 more with the padding and its space: the
    // description's cut at 119 falls in the first exported secret.
    private static string PlanText() => Plan
        .Replace("content: SCRIPT", "content: " + JsonSerializer.Serialize(Script, RelaxedJson), StringComparison.Ordinal)
        .Replace("\"PAD\"", "\"" + new string('p', 65) + "\"", StringComparison.Ordinal);

    // A project with the plan and an environment, its five secrets set as a user sets them (age-encrypted in
    // values.yaml).
    private static async Task<RigWorkspace> WorkspaceAsync(string mode)
    {
        var w = new RigWorkspace();
        try
        {
            await w.OkAsync("init");
            w.Write("main.cue", PlanText());
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
