using System.Text.Json;
using Dagger.TestRig;

namespace Dagger.Tool.IntegrationTests.EndToEnd;

/// <summary>
/// The tool as users of <c>scripts/dagger</c> get it: published, a native executable where the machine can link one
/// (scripts/lib-publish.sh). Other tests run the build's tool in-process; these run the published one as a process,
/// through the paths where a native build differs (no JIT, trimmed: JSON, YAML, age encryption, the gRPC session
/// server, the universe embedded as resources, signals).
/// </summary>
[TestClass]
public sealed class PublishedToolTests
{
    private const string Secret = "pub-Tool-s3cret!";

    private const string Plan = """
        package main

        import "alpha.dagger.io/dagger"

        token: dagger.#Input & dagger.#Secret
        name:  dagger.#Input & string

        // The published tool's own check: the name, and the secret's length read from its mount.
        greeting: {
        	string
        	#up: [
        		{do: "fetch-container", ref: "dagger-test/busybox"},
        		{do: "exec", args: ["sh", "-c", "printf '%s:%s' \"$NAME\" \"$(wc -c < /run/token | tr -d ' ')\" > /published-tool-check"], env: NAME: name, mount: "/run/token": secret: token},
        		{do: "export", source: "/published-tool-check", format: "string"},
        	]
        } @dagger(output)
        """;

    public TestContext TestContext { get; set; } = null!;

    private static ToolUnderTest Tool
    {
        get
        {
            var tool = ToolUnderTest.Current;
            if (!tool.IsPublished)
            {
                if (Environment.GetEnvironmentVariable("CI") == "true")
                {
                    Assert.Fail($"${ToolUnderTest.Variable} is not set: scripts/test publishes the tool and names it there");
                }

                Assert.Inconclusive($"${ToolUnderTest.Variable} is not set: run through scripts/test, which publishes the tool");
            }

            return tool;
        }
    }

    [TestMethod]
    public async Task The_published_tool_is_what_it_says_and_knows_its_version()
    {
        var tool = Tool;
        if (tool.Kind == "native")
        {
            var head = new byte[4];
            await using (var file = File.OpenRead(tool.FileName))
            {
                await file.ReadExactlyAsync(head, TestContext.CancellationToken);
            }

            CollectionAssert.AreEqual(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }, head, $"{tool.FileName} is a native executable");
        }

        var version = await tool.RunAsync(["version"], cancellationToken: TestContext.CancellationToken);
        Assert.AreEqual(0, version.ExitCode, version.Stderr);
        StringAssert.StartsWith(version.Stdout, "dagger 0.");
        StringAssert.Contains(version.Stdout, "platform: linux/");
    }

    [TestMethod]
    public async Task Cue_builtins_and_errors_behave_as_in_the_build()
    {
        var folder = Directory.CreateTempSubdirectory("dagger-published-cue-").FullName;
        try
        {
            await File.WriteAllTextAsync(
                Path.Combine(folder, "a.cue"),
                """
                import (
                	"encoding/json"
                	"encoding/yaml"
                	"regexp"
                	"strings"
                	"crypto/sha256"
                	"encoding/hex"
                )

                j: json.Marshal({b: [1, "<x>"]})
                y: yaml.Marshal({k: "v"})
                r: regexp.FindAll("[a-c]+", "abxcab", -1)
                s: strings.Join([for x in ["p", "q"] {strings.ToUpper(x)}], "-")
                h: hex.Encode(sha256.Sum256("abc"))
                """,
                TestContext.CancellationToken);
            var export = await Tool.RunAsync(["cue", "export", "a.cue"], folder, cancellationToken: TestContext.CancellationToken);
            Assert.AreEqual(0, export.ExitCode, export.Stderr);
            using var json = JsonDocument.Parse(export.Stdout);
            var root = json.RootElement;
            Assert.AreEqual("{\"b\":[1,\"\\u003cx\\u003e\"]}", root.GetProperty("j").GetString());
            Assert.AreEqual("k: v\n", root.GetProperty("y").GetString());
            Assert.AreEqual("ab,cab", string.Join(',', root.GetProperty("r").EnumerateArray().Select(e => e.GetString())));
            Assert.AreEqual("P-Q", root.GetProperty("s").GetString());
            Assert.AreEqual("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", root.GetProperty("h").GetString());

            await File.WriteAllTextAsync(Path.Combine(folder, "bad.cue"), "a: 1\na: 2\n", TestContext.CancellationToken);
            var bad = await Tool.RunAsync(["cue", "export", "bad.cue"], folder, cancellationToken: TestContext.CancellationToken);
            Assert.AreNotEqual(0, bad.ExitCode);
            StringAssert.Contains(bad.Stderr, "conflicting values");
            StringAssert.Contains(bad.Stderr, "bad.cue:");
            Assert.DoesNotContain("   at ", bad.Stderr, "no stack trace");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public async Task An_environment_with_a_secret_runs_and_keeps_its_state()
    {
        var tool = Tool;
        var top = Directory.CreateTempSubdirectory("dagger-published-env-").FullName;
        try
        {
            var project = Path.Combine(top, "project");
            Directory.CreateDirectory(project);
            await File.WriteAllTextAsync(Path.Combine(project, "main.cue"), Plan, TestContext.CancellationToken);
            var variables = new Dictionary<string, string?>
            {
                ["XDG_CONFIG_HOME"] = Path.Combine(top, "config"),
                ["HOME"] = Path.Combine(top, "home"),
                ["DOCKER_HOST"] = null,
                ["BUILDKIT_HOST"] = null,
            };
            async Task<ProcessResult> Dagger(params string[] args)
            {
                var result = await tool.RunAsync([.. args, "--engine", "docker+" + Rig.Current.Engine.Uri], project, variables, TimeSpan.FromMinutes(3), TestContext.CancellationToken);
                Assert.AreEqual(0, result.ExitCode, $"dagger {string.Join(' ', args)}: {result.Stderr}");
                return result;
            }

            await Dagger("init");
            await Dagger("new", "ci");
            await Dagger("input", "-e", "ci", "secret", "token", Secret);
            await Dagger("input", "-e", "ci", "text", "name", "world");
            var values = await File.ReadAllTextAsync(Path.Combine(project, ".dagger", "env", "ci", "values.yaml"), TestContext.CancellationToken);
            StringAssert.Contains(values, "-----BEGIN AGE ENCRYPTED FILE-----", "the secret is kept encrypted");
            Assert.DoesNotContain(Secret, values);

            var up = await Dagger("up", "-e", "ci", "--log-format", "json");
            var lines = up.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            EventContract.Require(lines);
            using var completed = JsonDocument.Parse(lines[^1]);
            Assert.AreEqual("success", completed.RootElement.GetProperty("result").GetString(), up.Stderr);
            Assert.AreEqual($"world:{Secret.Length}", completed.RootElement.GetProperty("outputs")[0].GetProperty("value").GetString());

            var computed = await File.ReadAllTextAsync(Path.Combine(project, ".dagger", "env", "ci", "state", "computed.json"), TestContext.CancellationToken);
            StringAssert.Contains(computed, $"world:{Secret.Length}");
            Assert.DoesNotContain(Secret, computed);
            Assert.DoesNotContain(Secret, up.Stderr + up.Stdout);

            var history = (await Dagger("history", "-e", "ci")).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.HasCount(2, history, "a header and the one run");
            StringAssert.Contains(history[1], "success");
            var query = await Dagger("query", "-e", "ci", "greeting");
            Assert.AreEqual($"\"world:{Secret.Length}\"", query.Stdout.Trim());
        }
        finally
        {
            Directory.Delete(top, recursive: true);
        }
    }
}
