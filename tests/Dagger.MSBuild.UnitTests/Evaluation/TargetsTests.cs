using System.IO.Compression;
using System.Text;
using Dagger.MSBuild.UnitTests.Support;

namespace Dagger.MSBuild.UnitTests.Evaluation;

/// <summary>Tier 2: the targets under MSBuild: conditions, the design-time guard, incrementality, one run per build.</summary>
[TestClass]
public sealed class TargetsTests
{
    private const string Plan = """<DaggerPlan Include="ci" />""";

    public TestContext TestContext { get; set; } = null!;

    private static string Succeeding => Streams.Of(Streams.RunStarted, Streams.TaskStarted, Streams.TaskCompleted, Streams.RunSucceeded);

    [TestMethod]
    public async Task DaggerUp_runs_the_plan_and_a_later_target_gets_its_outputs()
    {
        using var tool = FakeTool.Create(Succeeding);
        // MSBuild unescapes %3B; the rest are characters MSBuild or its Unix path handling would otherwise change.
        using var project = new TargetsProject(tool, Plan + """<DaggerInput Include="name" Value="Bob %3B O'Brien \ @home ~7E" />""");

        var build = await project.MSBuildAsync("-t:Publish");

        Assert.AreEqual(0, build.ExitCode, build.Stdout);
        StringAssert.Contains(build.Stdout, "publish ci app.digest=sha256:0123;abc");
        StringAssert.Contains(build.Stdout, "publish ci app.replicas={\"count\":3,\"names\":[\"a\",\"b\"]}");
        StringAssert.Contains(build.Stdout, "dagger ci: succeeded in 0.92s: 2 tasks");
        CollectionAssert.AreEqual(
            new[] { "up", "-p", Path.Combine(project.Root.Folder, "ci"), "--input-string", "name=Bob ; O'Brien \\ @home ~7E", "--log-format", "json" },
            tool.Arguments.ToList());
    }

    [TestMethod]
    public async Task A_plan_runs_again_only_when_its_files_its_inputs_its_tool_or_DaggerForce_say_so_and_keeps_its_outputs_meanwhile()
    {
        using var tool = FakeTool.Create(Succeeding);
        using var project = new TargetsProject(tool, Plan + """<DaggerInput Include="name" Value="$(Name)" />""", "<Name>Bob</Name>");

        Assert.AreEqual(0, (await project.MSBuildAsync("-t:Publish")).ExitCode);
        Assert.AreEqual(1, tool.Runs);

        var again = await project.MSBuildAsync("-t:Publish", "-v:n");
        Assert.AreEqual(1, tool.Runs, again.Stdout);
        StringAssert.Contains(again.Stdout, "Skipping target \"_DaggerRunPlans\" because all output files are up-to-date");
        StringAssert.Contains(again.Stdout, "publish ci app.digest=sha256:0123;abc");

        File.AppendAllText(Path.Combine(project.Root.Folder, "ci", "main.cue"), "// changed\n");
        Assert.AreEqual(0, (await project.MSBuildAsync("-t:Publish")).ExitCode);
        Assert.AreEqual(2, tool.Runs);

        Assert.AreEqual(0, (await project.MSBuildAsync("-t:Publish", "-p:Name=Alice")).ExitCode);
        Assert.AreEqual(3, tool.Runs);
        CollectionAssert.Contains(tool.Arguments.ToList(), "name=Alice");

        Assert.AreEqual(0, (await project.MSBuildAsync("-t:Publish", "-p:Name=Alice")).ExitCode);
        Assert.AreEqual(3, tool.Runs);

        Assert.AreEqual(0, (await project.MSBuildAsync("-t:Publish", "-p:Name=Alice", "-p:DaggerForce=true")).ExitCode);
        Assert.AreEqual(4, tool.Runs);

        // A new version of the tool (an upgraded package, a rebuilt DaggerToolPath) may run the plan differently.
        File.SetLastWriteTimeUtc(tool.Path, DateTime.UtcNow.AddMinutes(1));
        Assert.AreEqual(0, (await project.MSBuildAsync("-t:Publish", "-p:Name=Alice")).ExitCode);
        Assert.AreEqual(5, tool.Runs);
        Assert.AreEqual(0, (await project.MSBuildAsync("-t:Publish", "-p:Name=Alice")).ExitCode);
        Assert.AreEqual(5, tool.Runs);
    }

    [TestMethod]
    public async Task DaggerUpOnBuild_runs_after_Build_but_never_in_a_design_time_build()
    {
        using var tool = FakeTool.Create(Succeeding);
        using var project = new TargetsProject(tool, Plan);

        Assert.AreEqual(0, (await project.MSBuildAsync("-t:Build")).ExitCode);
        Assert.AreEqual(0, tool.Runs, "DaggerUpOnBuild is false by default");

        var designTime = await project.MSBuildAsync("-t:Build", "-p:DaggerUpOnBuild=true", "-p:DesignTimeBuild=true");
        Assert.AreEqual(0, designTime.ExitCode, designTime.Stdout);
        StringAssert.Contains(designTime.Stdout, "built");
        Assert.AreEqual(0, tool.Runs);

        Assert.AreEqual(0, (await project.MSBuildAsync("-t:DaggerUp", "-p:DesignTimeBuild=true")).ExitCode);
        Assert.AreEqual(0, tool.Runs);

        var build = await project.MSBuildAsync("-t:Build", "-p:DaggerUpOnBuild=true");
        Assert.AreEqual(0, build.ExitCode, build.Stdout);
        Assert.AreEqual(1, tool.Runs);
        Assert.IsLessThan(build.Stdout.IndexOf("dagger ci: succeeded", StringComparison.Ordinal), build.Stdout.IndexOf("built", StringComparison.Ordinal));
    }

    [TestMethod]
    public async Task A_multi_targeted_project_runs_its_plans_in_the_outer_build_only()
    {
        using var tool = FakeTool.Create(Succeeding);
        const string properties = "<TargetFrameworks>net8.0;net10.0</TargetFrameworks><DaggerUpOnBuild>true</DaggerUpOnBuild>";
        using var inner = new TargetsProject(tool, Plan, properties + "<TargetFramework>net8.0</TargetFramework>");
        Assert.AreEqual(0, (await inner.MSBuildAsync("-t:Build")).ExitCode);
        Assert.AreEqual(0, tool.Runs);

        using var outer = new TargetsProject(tool, Plan, properties, outerBuild: true);
        var build = await outer.MSBuildAsync("-t:Build");
        Assert.AreEqual(0, build.ExitCode, build.Stdout);
        Assert.AreEqual(1, tool.Runs);
    }

    [TestMethod]
    public async Task A_relative_DaggerToolPath_is_taken_from_the_project_folder()
    {
        using var tool = FakeTool.Create(Succeeding);
        using var folder = new TempProject();
        var relative = Path.GetRelativePath(folder.Folder, tool.Path);
        using var project = new TargetsProject(tool, Plan, $"<DaggerToolPath>{relative}</DaggerToolPath>", shared: folder);

        var build = await project.MSBuildAsync("-t:DaggerUp");

        Assert.AreEqual(0, build.ExitCode, build.Stdout);
        Assert.AreEqual(1, tool.Runs);
    }

    [TestMethod]
    public async Task DaggerSkip_runs_nothing_and_says_so()
    {
        using var tool = FakeTool.Create(Succeeding);
        using var project = new TargetsProject(tool, Plan);

        var build = await project.MSBuildAsync("-t:Publish", "-p:DaggerSkip=true");

        Assert.AreEqual(0, build.ExitCode, build.Stdout);
        StringAssert.Contains(build.Stdout, "DaggerSkip is true: no dagger plan runs.");
        Assert.AreEqual(0, tool.Runs);
    }

    [TestMethod]
    public async Task A_dry_run_always_runs_and_leaves_no_stamp()
    {
        using var tool = FakeTool.Create("", stdout: "{\n  \"tasks\": []\n}\n");
        using var project = new TargetsProject(tool, Plan);

        var first = await project.MSBuildAsync("-t:DaggerUp", "-p:DaggerDryRun=true");
        var second = await project.MSBuildAsync("-t:DaggerUp", "-p:DaggerDryRun=true");

        Assert.AreEqual(0, first.ExitCode + second.ExitCode, first.Stdout + second.Stdout);
        Assert.AreEqual(2, tool.Runs);
        CollectionAssert.Contains(tool.Arguments.ToList(), "--dry-run");
        StringAssert.Contains(second.Stdout, "\"tasks\": []");
        Assert.AreEqual(0, Directory.GetFiles(Path.Combine(project.Root.Folder, "obj"), "*.stamp", SearchOption.AllDirectories).Length);
    }

    [TestMethod]
    public async Task A_failing_plan_fails_the_build_at_the_cue_line_and_runs_again_next_time()
    {
        using var tool = FakeTool.Create(Streams.Of(Streams.RunStarted, Streams.TaskStarted, Streams.TaskFailed, Streams.RunFailed), exitCode: 1);
        using var project = new TargetsProject(tool, Plan);

        var build = await project.MSBuildAsync("-t:Publish");
        var again = await project.MSBuildAsync("-t:Publish");

        Assert.AreEqual(1, build.ExitCode, build.Stdout);
        StringAssert.Contains(build.Stdout, "/src/ci/main.cue(9,3,11,4): error DAG4001: test.#up[1]: exec sh -c 'go test': exited with code 1");
        Assert.IsFalse(build.Stdout.Contains("MSB3073", StringComparison.Ordinal) || build.Stdout.Contains("MSB6006", StringComparison.Ordinal), build.Stdout);
        Assert.AreEqual(1, again.ExitCode);
        Assert.AreEqual(2, tool.Runs);
    }

    [TestMethod]
    public async Task The_same_plan_asked_for_by_several_projects_runs_once_per_build()
    {
        using var tool = FakeTool.Create(Succeeding);
        using var folder = new TempProject();
        var input = """<DaggerInput Include="name" Value="$(Name)" />""";
        using var a = new TargetsProject(tool, Plan + input, "<Name>Bob</Name>", "a.proj", shared: folder);
        using var b = new TargetsProject(tool, Plan + input, "<Name>Bob</Name>", "b.proj", shared: folder);
        using var c = new TargetsProject(tool, Plan + input, "<Name>Carol</Name>", "c.proj", shared: folder);
        var all = folder.Write("all.proj", """
            <Project>
              <Target Name="Publish">
                <MSBuild Projects="a.proj;b.proj" Targets="Publish" BuildInParallel="true" />
              </Target>
              <Target Name="PublishAll">
                <MSBuild Projects="a.proj;b.proj;c.proj" Targets="Publish" BuildInParallel="true" />
              </Target>
            </Project>
            """);

        var build = await TargetsProject.MSBuildAsync(all, ["-t:Publish", "-m:2"], cancellationToken: TestContext.CancellationToken);

        Assert.AreEqual(0, build.ExitCode, build.Stdout);
        Assert.AreEqual(1, tool.Runs, build.Stdout);
        Assert.AreEqual(2, build.Stdout.Split('\n').Count(l => l.Contains("publish ci app.digest=sha256:0123;abc", StringComparison.Ordinal)), build.Stdout);

        var forced = await TargetsProject.MSBuildAsync(all, ["-t:PublishAll", "-m:2", "-p:DaggerForce=true"], cancellationToken: TestContext.CancellationToken);
        Assert.AreEqual(0, forced.ExitCode, forced.Stdout);
        Assert.AreEqual(3, tool.Runs, "one run for Bob's inputs, one for Carol's");
    }

    [TestMethod]
    public async Task A_secret_reaches_the_tool_through_its_environment_and_no_log_or_binlog()
    {
        var variable = "DAGGER_TEST_TOKEN";
        const string secret = "s3cr3t-9f8e7d6c";
        using var tool = FakeTool.Create(Succeeding, variables: [variable]);
        using var project = new TargetsProject(tool, Plan + $"""<DaggerInput Include="registry.token" Kind="secret" EnvironmentVariable="{variable}" />""");
        var binlog = Path.Combine(project.Root.Folder, "build.binlog");

        var build = await TargetsProject.MSBuildAsync(project.Path, ["-t:Publish", "-v:diag", $"-bl:{binlog}"], new Dictionary<string, string?> { [variable] = secret }, TestContext.CancellationToken);

        Assert.AreEqual(0, build.ExitCode, build.Stdout);
        Assert.AreEqual(secret, tool.Seen(variable));
        CollectionAssert.Contains(tool.Arguments.ToList(), $"registry.token={variable}");
        Assert.IsFalse(build.Stdout.Contains(secret, StringComparison.Ordinal));
        var log = Decompress(binlog);
        Assert.IsTrue(log.Contains($"registry.token={variable}", StringComparison.Ordinal), "the binlog is read: it holds the command line");
        Assert.IsFalse(log.Contains(secret, StringComparison.Ordinal));
        Assert.IsTrue(log.Contains("Dagger.Task", StringComparison.Ordinal), "each task is a structured event in the binlog");
        Assert.IsFalse(Directory.GetFiles(Path.Combine(project.Root.Folder, "obj"), "*", SearchOption.AllDirectories).Any(f => File.ReadAllText(f).Contains(secret, StringComparison.Ordinal)));
    }

    private static string Decompress(string binlog)
    {
        using var file = File.OpenRead(binlog);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        return Encoding.UTF8.GetString(memory.ToArray());
    }
}
