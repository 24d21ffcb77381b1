using System.Text.RegularExpressions;

namespace Dagger.MSBuild.IntegrationTests;

/// <summary>
/// Tier 3: <c>examples/msbuild</c> built with <c>dotnet build</c> against the packed package and the real engine, as a
/// user would build it.
/// </summary>
[TestClass]
public sealed partial class ExampleTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task The_example_runs_its_plan_once_and_a_later_target_gets_its_outputs()
    {
        var ct = TestContext.CancellationToken;
        var example = PackedPackage.CopyExample("example");

        var build = await PackedPackage.DotnetAsync(example, ["build", "-nologo", "-p:GreetingName=Ada"], ct);

        Assert.AreEqual(0, build.ExitCode, build.Stdout + build.Stderr);
        StringAssert.Contains(build.Stdout, "dagger ci: ");
        StringAssert.Matches(build.Stdout, RunCounts());
        StringAssert.Contains(build.Stdout, "The plan says: Hello, Ada! The project has 1 C# file(s).");

        var again = await PackedPackage.DotnetAsync(example, ["build", "-nologo", "-p:GreetingName=Ada", "-v:n"], ct);

        Assert.AreEqual(0, again.ExitCode, again.Stdout + again.Stderr);
        StringAssert.Contains(again.Stdout, "Skipping target \"_DaggerRunPlans\" because all output files are up-to-date");
        Assert.IsFalse(RunCounts().IsMatch(again.Stdout), again.Stdout);
        StringAssert.Contains(again.Stdout, "The plan says: Hello, Ada! The project has 1 C# file(s).");
    }

    [TestMethod]
    public async Task A_broken_plan_fails_the_build_at_its_line_in_the_cue_file()
    {
        var ct = TestContext.CancellationToken;
        var example = PackedPackage.CopyExample("broken");
        var plan = Path.Combine(example, "ci", "main.cue");
        var lines = File.ReadAllLines(plan).ToList();
        var exec = lines.FindIndex(l => l.Contains("op.#Exec & {", StringComparison.Ordinal));
        lines[exec] = "\t\top.#Exec & {args: [\"sh\", \"-c\", \"echo cannot count >&2; exit 3\"], mount: \"/src\": from: source},";
        lines.RemoveRange(exec + 1, 3);
        File.WriteAllLines(plan, lines);

        var build = await PackedPackage.DotnetAsync(example, ["build", "-nologo", "-t:DaggerUp"], ct);

        Assert.AreNotEqual(0, build.ExitCode, build.Stdout);
        var error = Regex.Match(build.Stdout, @"(?<file>\S+)\((?<line>\d+),(?<column>\d+)(,\d+,\d+)?\): error (?<code>DAG\d{4}): (?<message>.*)");
        Assert.IsTrue(error.Success, build.Stdout);
        Assert.AreEqual(plan, error.Groups["file"].Value);
        Assert.AreEqual(exec + 1, int.Parse(error.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture), build.Stdout);
        Assert.AreEqual("DAG4001", error.Groups["code"].Value);
        StringAssert.Contains(error.Groups["message"].Value, "exited with code 3");
        StringAssert.Contains(build.Stdout, "| cannot count");
    }

    [TestMethod]
    public async Task The_dotnet_examples_delivery_project_runs_its_pipeline_with_the_solution_as_input()
    {
        var ct = TestContext.CancellationToken;
        var docker = await Dagger.TestRig.EngineEndpoint.GetDockerAsync(ct);
        await Dagger.TestRig.TestImages.EnsureDotnetAsync(docker.OriginalString, ct);
        var example = PackedPackage.CopyExample("dotnet", "dotnet", Path.Combine("ci", "Delivery.csproj"));

        // A dry run: the whole pipeline is what examples/dotnet's own end-to-end test runs with `dagger up`; here the
        // point is the project: the package, its items and patterns, and the plan that it finds beside it.
        var build = await PackedPackage.DotnetAsync(
            example,
            ["build", "ci", "-nologo", "-p:DaggerDryRun=true", "-p:ImageTarget=127.0.0.1:5000/hello:test",
             "-p:DotnetSdkImage=" + Dagger.TestRig.TestImages.DotnetSdk, "-p:DotnetRuntimeImage=" + Dagger.TestRig.TestImages.DotnetRuntime],
            ct);

        Assert.AreEqual(0, build.ExitCode, build.Stdout + build.Stderr);
        // The solution goes in without the pipeline's folder or any build output (the local source's attributes).
        StringAssert.Contains(build.Stdout, "\"local.excludepatterns\": \"[\\u0022ci\\u0022,\\u0022**/bin\\u0022,\\u0022**/obj\\u0022");

        // Restore, build and test compile ahead; what needs the test counts waits for them.
        StringAssert.Contains(build.Stdout, "\"path\": \"restore\"");
        StringAssert.Contains(build.Stdout, "test.results.passed");
    }

    [GeneratedRegex(@"dagger ci: .*: \d+ tasks \(\d+ computed, \d+ skipped, 0 failed, 0 cancelled\); \d+ solves, \d+ waves, \d+ fills")]
    private static partial Regex RunCounts();
}
