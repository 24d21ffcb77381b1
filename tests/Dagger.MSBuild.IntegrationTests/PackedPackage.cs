using Dagger.TestRig;

namespace Dagger.MSBuild.IntegrationTests;

/// <summary>
/// Dagger.MSBuild packed once per test run into a local feed, with an isolated NuGet cache, and the engine the tests
/// use (with the hermetic images that the example's plan starts from).
/// </summary>
[TestClass]
public static class PackedPackage
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static string? work;

    /// <summary>The temporary folder of the run: feed, NuGet cache, projects.</summary>
    public static string Work => work ?? throw new InvalidOperationException("the package is not packed yet");

    /// <summary>The local feed that holds the package.</summary>
    public static string Feed => Path.Combine(Work, "feed");

    /// <summary>The package file.</summary>
    public static string File => Directory.GetFiles(Feed, "Dagger.MSBuild.*.nupkg").Single();

    /// <summary>The package's version.</summary>
    public static string Version => Path.GetFileNameWithoutExtension(File)["Dagger.MSBuild.".Length..];

    /// <summary>The environment of a build that uses the package: the engine, an isolated NuGet cache, no node reuse.</summary>
    public static IReadOnlyDictionary<string, string?> Environment { get; private set; } = new Dictionary<string, string?>();

    [AssemblyInitialize]
    public static async Task PackAsync(TestContext context)
    {
        var ct = context.CancellationToken;
        var docker = await EngineEndpoint.GetDockerAsync(ct);
        await TestImages.EnsureAsync(docker.ToString(), ct);
        work = Directory.CreateTempSubdirectory("dagger-msbuild-e2e-").FullName;
        var project = Path.Combine(RepoPaths.RepoRoot, "src", "Dagger.MSBuild", "Dagger.MSBuild.csproj");
        (await ProcessRunner.RunAsync("dotnet", ["pack", project, "--no-build", "-c", Configuration, "-o", Feed, "-nologo"], Work, timeout: TimeSpan.FromMinutes(10), cancellationToken: ct))
            .EnsureSuccess("dotnet pack");
        Environment = new Dictionary<string, string?>
        {
            ["DOCKER_HOST"] = docker.ToString(),
            ["BUILDKIT_HOST"] = null,
            ["NUGET_PACKAGES"] = Path.Combine(Work, "packages"),
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        };
    }

    [AssemblyCleanup]
    public static void Clean()
    {
        if (work is not null)
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// A copy of an example (<c>examples/msbuild</c> unless <paramref name="example"/> names another) in a folder of its
    /// own, whose <paramref name="project"/> restores from the local feed only.
    /// </summary>
    public static string CopyExample(string name, string example = "msbuild", string project = "Greeter.csproj")
    {
        var source = Path.Combine(RepoPaths.RepoRoot, "examples", example);
        var target = Path.Combine(Work, name);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            {
                continue;
            }

            var copy = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            System.IO.File.Copy(file, copy);
        }

        var csproj = Path.Combine(target, project);
        System.IO.File.WriteAllText(Path.Combine(Path.GetDirectoryName(csproj)!, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        System.IO.File.WriteAllText(csproj, System.IO.File.ReadAllText(csproj).Replace("Include=\"Dagger.MSBuild\" Version=\"0.1.0\"", $"Include=\"Dagger.MSBuild\" Version=\"{Version}\"", StringComparison.Ordinal));
        return target;
    }

    /// <summary>Runs <c>dotnet</c> in <paramref name="folder"/> with the package's environment.</summary>
    public static Task<ProcessResult> DotnetAsync(string folder, IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        DotnetAsync(folder, arguments, new Dictionary<string, string?>(), cancellationToken);

    /// <summary>Runs dotnet with the package's environment and <paramref name="variables"/> on top of it.</summary>
    public static Task<ProcessResult> DotnetAsync(
        string folder, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> variables, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(
            "dotnet",
            arguments,
            folder,
            Environment.Concat(variables).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value),
            TimeSpan.FromMinutes(5),
            cancellationToken);
}
