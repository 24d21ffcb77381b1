using Dagger.TestRig;

namespace Dagger.Tool.UnitTests.EndToEnd;

/// <summary>The packed tool, installed from a local tool manifest and run as <c>dotnet dagger</c>, as a user would.</summary>
[TestClass]
public sealed class ToolPackageTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Packed_tool_runs_as_dotnet_dagger_from_a_local_manifest()
    {
        var ct = TestContext.CancellationToken;
        var work = Directory.CreateTempSubdirectory("dagger-tool-").FullName;
        try
        {
            var feed = Path.Combine(work, "feed");
            var project = Path.Combine(RepoPaths.RepoRoot, "src", "Dagger.Tool", "Dagger.Tool.csproj");
            (await ProcessRunner.RunAsync("dotnet", ["pack", project, "--no-build", "-c", Configuration, "-o", feed, "-nologo"], work, cancellationToken: ct))
                .EnsureSuccess("dotnet pack");
            var package = Directory.GetFiles(feed, "Dagger.Tool.*.nupkg").Single();
            var version = Path.GetFileNameWithoutExtension(package)["Dagger.Tool.".Length..];

            var user = Path.Combine(work, "user");
            Directory.CreateDirectory(user);
            (await ProcessRunner.RunAsync("dotnet", ["new", "tool-manifest"], user, cancellationToken: ct)).EnsureSuccess("dotnet new tool-manifest");
            (await ProcessRunner.RunAsync("dotnet", ["tool", "install", "--local", "--add-source", feed, "Dagger.Tool", "--version", version], user, cancellationToken: ct))
                .EnsureSuccess("dotnet tool install");

            var run = await ProcessRunner.RunAsync("dotnet", ["dagger", "version", "--engine", "tcp://127.0.0.1:1"], user, cancellationToken: ct);
            Assert.AreEqual(0, run.ExitCode, run.Stderr);
            StringAssert.StartsWith(run.Stdout, $"dagger {version}\n");
            StringAssert.Contains(run.Stdout, "engine:   tcp://127.0.0.1:1 (buildkit, from --engine)");

            var help = await ProcessRunner.RunAsync("dotnet", ["dagger", "--help"], user, cancellationToken: ct);
            Assert.AreEqual(0, help.ExitCode, help.Stderr);
            StringAssert.Contains(help.Stdout, "Usage:\n  dagger [command] [options]");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
