using Dagger.TestRig;

namespace Dagger.Tool.IntegrationTests.EndToEnd;

/// <summary>The examples, run with <c>dagger up</c> and <c>dagger compute</c> on the real engine, as a user would.</summary>
[TestClass]
public sealed class ExamplesTests
{
    public TestContext TestContext { get; set; } = null!;

    private static string CopyExample(string name)
    {
        var source = Path.Combine(RepoPaths.RepoRoot, "examples", name);
        var target = Path.Combine(Directory.CreateTempSubdirectory("dagger-example-").FullName, name);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Contains("alpha.dagger.io", StringComparison.Ordinal))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, relative))!);
            File.Copy(file, Path.Combine(target, relative));
        }

        return target;
    }

    [TestMethod]
    public async Task Hello_greets_the_world_and_takes_a_name()
    {
        var plan = CopyExample("hello");
        var (code, output, error) = await DaggerRun.OnRigAsync("up", "--log-format", "plain", "-p", plan);
        Assert.AreEqual(0, code, error);
        Assert.AreEqual("Output   Value            Description\nmessage  \"Hello, world!\"  Printed at the end of `dagger up`.\n", output, "the output's doc comment describes it");
        Assert.IsFalse(Directory.Exists(Path.Combine(plan, "cue.mod", "pkg", "alpha.dagger.io")), "dagger gives its packages to the loader in memory, writing nothing into the plan");

        (code, output, error) = await DaggerRun.OnRigAsync("up", "--log-format", "plain", "-p", plan, "--input-string", "name=Bob");
        Assert.AreEqual(0, code, error);
        StringAssert.Contains(output, "\"Hello, Bob!\"");
    }

    [TestMethod]
    public async Task Simple_skips_what_waits_for_its_input_then_runs_it_when_given()
    {
        var plan = CopyExample("simple");
        var (code, output, error) = await DaggerRun.OnRigAsync("compute", "--log-format", "plain", plan);
        Assert.AreEqual(0, code, error);
        StringAssert.Contains(output, "\"url\":\"https://www.example.com/\"");
        Assert.DoesNotContain("listing", output);
        StringAssert.Contains(error, ": warning DAG2003: [www.listing] pipeline was partially executed because of missing inputs");

        (code, output, error) = await DaggerRun.OnRigAsync("up", "--log-format", "plain", "-p", plan, "--input-dir", "www.source=" + Path.Combine(plan, "site"));
        Assert.AreEqual(0, code, error);
        StringAssert.Contains(output, "www.listing  \"./BUILD\\n./index.html\\n./robots.txt\\n./style.css\\n\"");
    }

    [TestMethod]
    public async Task A_failing_exec_exits_with_its_own_code_and_names_the_op()
    {
        var plan = await PlanFolder.CreateAsync(
            "dagger-fail-",
            "package main\n\nfails: #up: [\n\t{do: \"fetch-container\", ref: \"dagger-test/busybox\"},\n\t{do: \"exec\", args: [\"sh\", \"-c\", \"echo about to fail; exit 42\"]},\n]\n",
            TestContext.CancellationToken);
        var (code, _, error) = await DaggerRun.OnRigAsync("up", "--log-format", "plain", "-p", plan);
        Assert.AreEqual(42, code, error);
        StringAssert.Contains(error, "\nmain.cue:5:2: error DAG4001: fails.#up[1]: exec sh -c echo about to fail; exit 42: exited with code 42, after \"about to fail\"\n", "the place, the code, the command once, then how it ended and its last words");
        StringAssert.Matches(error, new System.Text.RegularExpressions.Regex(@"\ndagger: fails failed \(DAG4001\); 0 computed, 0 cancelled, 0 skipped in [0-9.]+s\n$"), "the log ends with what failed");
        StringAssert.Contains(error, "[fails.#up[1]] about to fail");
        Assert.DoesNotContain("   at ", error);
    }

    [TestMethod]
    public async Task Dry_run_prints_the_llb_of_what_can_compile_and_what_the_rest_waits_for()
    {
        var plan = CopyExample("simple");
        var (code, output, error) = await DaggerRun.OnRigAsync("up", "-p", plan, "--dry-run");
        Assert.AreEqual(0, code, error);
        using var doc = System.Text.Json.JsonDocument.Parse(output);
        var tasks = doc.RootElement.GetProperty("tasks").EnumerateArray().ToDictionary(t => t.GetProperty("path").GetString()!);
        CollectionAssert.AreEquivalent(new[] { "base", "www.source", "www.url", "www.listing" }, tasks.Keys.ToArray());
        Assert.AreEqual("compiled", tasks["www.url"].GetProperty("status").GetString());
        Assert.AreEqual("/tmp/out", tasks["www.url"].GetProperty("exports")[0].GetString());
        StringAssert.Contains(tasks["www.url"].GetProperty("llb").GetRawText(), "https://%s/");
        Assert.AreEqual("waiting", tasks["www.listing"].GetProperty("status").GetString());
        Assert.AreEqual("www.source.#up", tasks["www.source"].GetProperty("missing")[0].GetString());
        CollectionAssert.AreEquivalent(new[] { "base" }, tasks["www.url"].GetProperty("dependsOn").EnumerateArray().Select(d => d.GetString()).ToArray());
        CollectionAssert.AreEquivalent(new[] { "base", "www.source" }, tasks["www.listing"].GetProperty("dependsOn").EnumerateArray().Select(d => d.GetString()).ToArray());
        Assert.AreEqual(0, tasks["base"].GetProperty("dependsOn").GetArrayLength());
        Assert.DoesNotContain("computing", error, "a dry run runs nothing");
    }
}
