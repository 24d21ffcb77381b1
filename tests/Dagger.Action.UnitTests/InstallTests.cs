using Dagger.Action.Inputs;
using Dagger.Action.UnitTests.Fakes;
using Dagger.TestRig;

namespace Dagger.Action.UnitTests;

/// <summary>
/// The install steps: a dagger of the version on PATH is reused; otherwise <c>dotnet tool install</c> (a fake
/// dotnet here, which records its calls and can answer 429) fills the tool folder, tried again while the feed is busy.
/// </summary>
[TestClass]
public sealed class InstallTests
{
    private const string FakeDotnet = """
        #!/usr/bin/env bash
        here="$(cd "$(dirname "$0")" && pwd)"
        printf '%s\n' "$*" >> "$here/dotnet-calls"
        left=$(cat "$here/failures-left" 2>/dev/null || echo 0)
        if [ "$left" -gt 0 ]; then
          echo $((left - 1)) > "$here/failures-left"
          cat "$here/failure" >&2
          exit 1
        fi
        while [ $# -gt 0 ]; do
          case "$1" in
            --version) version=$2; shift ;;
            --tool-path) toolpath=$2; shift ;;
          esac
          shift
        done
        mkdir -p "$toolpath"
        printf '#!/usr/bin/env bash\necho "dagger %s"\n' "$version" > "$toolpath/dagger"
        chmod +x "$toolpath/dagger"
        echo "You can invoke the tool using the following command: dagger"
        """;

    private const string Busy = "error NU1301: Unable to load the service index for source https://api.nuget.org/v3/index.json.\n  Response status code does not indicate success: 429 (Too Many Requests).";

    private static readonly ActionSettings Fast = new() { InstallPause = TimeSpan.Zero };

    private static (ActionRun Run, string Dotnet) WithFakeDotnet(int failures, string failure = Busy)
    {
        var run = ActionRun.Push();
        var folder = Path.Combine(run.Root, "dotnet-bin");
        Directory.CreateDirectory(folder);
        var script = Path.Combine(folder, "dotnet");
        ExecutableFile.Write(script, FakeDotnet.Replace("\r", "", StringComparison.Ordinal) + "\n");
        File.WriteAllText(Path.Combine(folder, "failures-left"), failures.ToString(System.Globalization.CultureInfo.InvariantCulture));
        File.WriteAllText(Path.Combine(folder, "failure"), failure);
        run.Variable("PATH", folder + Path.PathSeparator + "/usr/bin" + Path.PathSeparator + "/bin");
        run.Variable("GITHUB_PATH", Path.Combine(run.Root, "github-path"));
        return (run, folder);
    }

    private static string[] Calls(string folder) =>
        File.Exists(Path.Combine(folder, "dotnet-calls")) ? File.ReadAllLines(Path.Combine(folder, "dotnet-calls")) : [];

    [TestMethod]
    public async Task Prepare_reuses_a_dagger_of_the_version_on_PATH()
    {
        using var run = ActionRun.Push();
        run.Dagger.Version = ToolVersion.OfAction;

        var result = await run.RunAsync(null, args: ["prepare"]);

        Assert.AreEqual(0, result.ExitCode, result.Log);
        Assert.AreEqual("true", result.Outputs["found"]);
        Assert.AreEqual(ToolVersion.OfAction, result.Outputs["version"]);
        Assert.AreEqual($"dagger-tool-linux-x64-{ToolVersion.OfAction}", result.Outputs["cache-key"]);
        Assert.AreEqual(Path.Combine(run.RunnerTemp, "dagger-tool", "linux-x64", ToolVersion.OfAction), result.Outputs["tool-dir"]);
    }

    [TestMethod]
    public async Task Prepare_does_not_reuse_a_dagger_of_another_version()
    {
        using var run = ActionRun.Push().Input("version", "0.9.1");
        run.Dagger.Version = "0.9.0";

        var result = await run.RunAsync(null, args: ["prepare"]);

        Assert.AreEqual("false", result.Outputs["found"]);
        Assert.AreEqual("dagger-tool-linux-x64-0.9.1", result.Outputs["cache-key"]);
    }

    [TestMethod]
    public async Task Install_tries_again_while_the_feed_answers_429_and_puts_the_tool_on_PATH()
    {
        var (run, dotnet) = WithFakeDotnet(failures: 2);
        using (run)
        {
            var result = await run.RunAsync(null, Fast, ["install"]);

            Assert.AreEqual(0, result.ExitCode, result.Log);
            var folder = Path.Combine(run.RunnerTemp, "dagger-tool", "linux-x64", ToolVersion.OfAction);
            var expected = $"tool install Dagger.Tool --version {ToolVersion.OfAction} --tool-path {folder}";
            CollectionAssert.AreEqual(new[] { expected, expected, expected }, Calls(dotnet));
            Assert.AreEqual(folder + "\n", File.ReadAllText(Path.Combine(run.Root, "github-path")));
            Assert.AreEqual(2, result.LogLines.Count(l => l == "the feed is busy: trying again in 0 s"), result.Log);
        }
    }

    [TestMethod]
    public async Task Install_gives_up_on_a_failure_that_is_not_the_feeds_load()
    {
        var (run, dotnet) = WithFakeDotnet(failures: 1, failure: "error NU1101: Unable to find package Dagger.Tool. No packages exist with this id in source(s): nuget.org");
        using (run)
        {
            var result = await run.RunAsync(null, Fast, ["install"]);

            Assert.AreEqual(1, result.ExitCode);
            Assert.AreEqual(1, Calls(dotnet).Length);
            Assert.IsTrue(result.Commands.Any(c => c.StartsWith($"::error title=dagger DAG7103::DAG7103: dotnet tool install Dagger.Tool {ToolVersion.OfAction} failed (see its output above): error NU1101", StringComparison.Ordinal)), result.Log);
        }
    }

    [TestMethod]
    public async Task Install_gives_up_after_four_busy_answers()
    {
        var (run, dotnet) = WithFakeDotnet(failures: 10, failure: "Response status code does not indicate success: 503 (Service Unavailable).");
        using (run)
        {
            var result = await run.RunAsync(null, Fast, ["install"]);

            Assert.AreEqual(1, result.ExitCode);
            Assert.AreEqual(4, Calls(dotnet).Length);
            Assert.IsTrue(result.Commands.Any(c => c.Contains("the feed was still busy after 4 attempts", StringComparison.Ordinal)), result.Log);
        }
    }

    [TestMethod]
    public async Task Install_uses_the_folder_the_cache_restored_without_calling_dotnet()
    {
        var (run, dotnet) = WithFakeDotnet(failures: 0);
        using (run)
        {
            var folder = Path.Combine(run.RunnerTemp, "dagger-tool", "linux-x64", "0.3.0");
            Directory.CreateDirectory(folder);
            ExecutableFile.Write(Path.Combine(folder, "dagger"), "#!/usr/bin/env bash\necho 'dagger 0.3.0'\n", writable: false);
            run.Input("version", "0.3.0");

            var result = await run.RunAsync(null, Fast, ["install"]);

            Assert.AreEqual(0, result.ExitCode, result.Log);
            Assert.AreEqual(0, Calls(dotnet).Length);
            Assert.AreEqual(folder + "\n", File.ReadAllText(Path.Combine(run.Root, "github-path")));
        }
    }

    [TestMethod]
    public async Task Install_only_runs_nothing()
    {
        using var run = ActionRun.Push().Input("install-only", "true");

        var result = await run.RunAsync(null);

        Assert.AreEqual(0, result.ExitCode, result.Log);
        Assert.IsNull(run.Dagger.Arguments);
        CollectionAssert.Contains(result.Commands.ToList(), "::notice::install-only is true: dagger is installed, nothing is run");
    }
}
