using Dagger.TestRig;

namespace Dagger.Tool.IntegrationTests.EndToEnd;

/// <summary>
/// The original's <c>tests/core.bats</c> contracts that go through the CLI (spec §5.2): inputs and outputs with
/// <c>dagger up</c> (#57), the platform of a run (#62, on this machine's own architecture: no emulator is
/// installed here for another) and the exclusion of files from a directory input (#63). The original's
/// <c>input</c>/<c>output list</c> commands are replaced by the <c>--input-*</c> options and the output table of <c>up</c>.
/// </summary>
[TestClass]
public sealed class CoreContractsTests
{
    private const string InputsOutputsPlan = """
        package main

        import "alpha.dagger.io/dagger"

        name:    dagger.#Input & {string | *"world"}
        message: dagger.#Output & "Hello, \(name)!"
        dir:     dagger.#Input & dagger.#Artifact
        samedir: dagger.#Output & dir
        """;

    private const string ExcludePlan = """
        package main

        import "alpha.dagger.io/dagger"

        src: dagger.#Input & dagger.#Artifact
        listing: dagger.#Output & {
        	string
        	#up: [
        		{do: "fetch-container", ref: "dagger-test/busybox"},
        		{do: "exec", args: ["sh", "-c", "cd /src && find . | sort > /tmp/out"], mount: "/src": from: src},
        		{do: "export", source: "/tmp/out"},
        	]
        }
        """;

    private const string PlatformPlan = """"
        package main

        targetArch: string
        fromImage: {
        	string & targetArch
        	#up: [
        		{do: "fetch-container", ref: "dagger-test/busybox"},
        		{do: "exec", args: ["sh", "-c", "uname -m | tr -d '\\n' > /arch"]},
        		{do: "export", source: "/arch"},
        	]
        }
        fromBuild: {
        	string & targetArch
        	#up: [
        		{do: "docker-build", dockerfile: """
        			FROM dagger-test/busybox
        			RUN uname -m | tr -d '\\n' > /arch
        			"""},
        		{do: "export", source: "/arch"},
        	]
        }
        """";

    public TestContext TestContext { get; set; } = null!;

    private async Task<string> PlanAsync(string source)
    {
        var dir = await PlanFolder.CreateAsync("dagger-core-", source, TestContext.CancellationToken);
        return dir;
    }

    private async Task<string> TestDataAsync(string plan)
    {
        var data = Path.Combine(plan, "testdata");
        Directory.CreateDirectory(Path.Combine(data, "foo"));
        foreach (var file in new[] { "a.txt", "b.txt", "foo/bar.txt", "foo/bar.json" })
        {
            await File.WriteAllTextAsync(Path.Combine(data, file), file + "\n", TestContext.CancellationToken);
        }

        return data;
    }

    [TestMethod]
    public async Task Up_prints_the_outputs_marked_with_dagger_Output_from_the_inputs()
    {
        var plan = await PlanAsync(InputsOutputsPlan);
        var data = await TestDataAsync(plan);
        var (code, output, error) = await DaggerRun.OnRigAsync("up", "--log-format", "plain", "-p", plan, "--input-dir", "dir=" + data, "--input-string", "name=Bob");
        Assert.AreEqual(0, code, error);
        StringAssert.Contains(output, "message  \"Hello, Bob!\"");
        StringAssert.Contains(output, "samedir  {}", "an artifact output is listed too");
        Assert.DoesNotContain("name ", output, "an input is not an output");

        (code, output, error) = await DaggerRun.OnRigAsync("up", "--log-format", "plain", "-p", plan, "--input-dir", "dir=" + data);
        Assert.AreEqual(0, code, error);
        StringAssert.Contains(output, "message  \"Hello, world!\"", "without the input, its default");
    }

    [TestMethod]
    public async Task A_directory_input_leaves_out_the_excluded_files()
    {
        var plan = await PlanAsync(ExcludePlan);
        var data = await TestDataAsync(plan);
        var (code, output, error) = await DaggerRun.OnRigAsync(
            "up", "--log-format", "plain", "-p", plan, "--input-dir", "src=" + data, "--input-dir-exclude", "src=a.txt", "--input-dir-exclude", "src=*/*.json");
        Assert.AreEqual(0, code, error);
        StringAssert.Contains(output, "listing  \".\\n./b.txt\\n./foo\\n./foo/bar.txt\\n\"");

        (code, output, error) = await DaggerRun.OnRigAsync("up", "--log-format", "plain", "-p", plan, "--input-dir", "src=" + data, "--input-dir-include", "src=foo");
        Assert.AreEqual(0, code, error);
        StringAssert.Contains(output, "listing  \".\\n./foo\\n./foo/bar.json\\n./foo/bar.txt\\n\"");
    }

    [TestMethod]
    public async Task Execs_and_builds_run_on_the_platform_of_the_run()
    {
        var plan = await PlanAsync(PlatformPlan);
        var (code, output, error) = await DaggerRun.OnRigAsync("compute", plan, "--log-format", "plain", "--no-cache", "--platform", "linux/amd64", "--input-string", "targetArch=x86_64");
        Assert.AreEqual(0, code, error);
        Assert.AreEqual("{\"fromBuild\":\"x86_64\",\"fromImage\":\"x86_64\",\"targetArch\":\"x86_64\"}", output.Trim());

        (code, _, error) = await DaggerRun.OnRigAsync("compute", plan, "--log-format", "plain", "--platform", "linux/unknown", "--input-string", "targetArch=x86_64");
        Assert.AreNotEqual(0, code);
        StringAssert.Contains(error, "main.cue:7:3: error DAG4002: fromImage.#up[0]: cannot fetch image \"dagger-test/busybox\"", "no image of the local store is for that platform");

        (code, _, error) = await DaggerRun.OnRigAsync("compute", plan, "--log-format", "plain", "--platform", "linux");
        Assert.AreEqual(2, code);
        StringAssert.Contains(error, "--platform: invalid platform \"linux\": expected os/arch or os/arch/variant");
    }

    [TestMethod]
    public async Task An_exclusion_needs_its_directory_input()
    {
        var plan = await PlanAsync(ExcludePlan);
        var (code, _, error) = await DaggerRun.OnRigAsync("up", "--log-format", "plain", "-p", plan, "--input-dir-exclude", "src=a.txt");
        Assert.AreEqual(2, code);
        StringAssert.Contains(error, "there is no --input-dir src=PATH");
    }
}
