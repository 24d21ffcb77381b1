using System.Security;
using Dagger.TestRig;

namespace Dagger.MSBuild.UnitTests.Support;

/// <summary>
/// A project that imports Dagger.MSBuild's props and targets from the source tree, with the task assembly the tests
/// built and a fake tool, built with <c>dotnet msbuild</c> as a separate process, as a build would. Its <c>Build</c>
/// target stands in for Microsoft.Common's (which sets <c>BuildingProject</c>); its <c>Publish</c> target is a later
/// target that reads <c>DaggerOutputs</c>.
/// </summary>
internal sealed class TargetsProject : IDisposable
{
    private static readonly string Source = System.IO.Path.Combine(RepoPaths.RepoRoot, "src", "Dagger.MSBuild");

    private readonly TempProject folder = new();

    public TargetsProject(FakeTool tool, string items = "", string properties = "", string name = "app.proj", bool outerBuild = false, TempProject? shared = null)
    {
        Root = shared ?? folder;
        var imports = outerBuild ? "buildMultiTargeting" : "build";
        Path = Root.Write(name, $"""
            <Project>
              <Import Project="{Source}/{imports}/Dagger.MSBuild.props" />
              <PropertyGroup>
                <IntermediateOutputPath>obj/{System.IO.Path.GetFileNameWithoutExtension(name)}/</IntermediateOutputPath>
                <DaggerTaskAssembly>{typeof(DaggerUp).Assembly.Location}</DaggerTaskAssembly>
                <DaggerToolPath>{tool.Path}</DaggerToolPath>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                {items}
              </ItemGroup>
              <Target Name="Build">
                <PropertyGroup>
                  <BuildingProject>true</BuildingProject>
                </PropertyGroup>
                <Message Importance="high" Text="built" />
              </Target>
              <Target Name="Publish" DependsOnTargets="DaggerUp">
                <Message Importance="high" Text="publish %(DaggerOutputs.Plan) %(DaggerOutputs.Path)=%(DaggerOutputs.Value)" Condition="'@(DaggerOutputs)' != ''" />
              </Target>
              <Import Project="{Source}/{imports}/Dagger.MSBuild.targets" />
            </Project>
            """);
        Root.Write("ci/main.cue", "package ci\n");
        Root.Write("ci/cue.mod/module.cue", "module: \"example.com/ci\"\n");
    }

    /// <summary>The folder that holds the project and its plan <c>ci</c>.</summary>
    public TempProject Root { get; }

    public string Path { get; }

    /// <summary>Runs <c>dotnet msbuild</c> on the project (or on <paramref name="project"/>) with the arguments.</summary>
    public static async Task<ProcessResult> MSBuildAsync(string project, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, CancellationToken cancellationToken = default)
    {
        var variables = new Dictionary<string, string?>
        {
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[key] = value;
        }

        return await ProcessRunner.RunAsync(
            "dotnet",
            ["msbuild", project, "-nologo", "-nodeReuse:false", "-clp:NoSummary", .. arguments],
            System.IO.Path.GetDirectoryName(project),
            variables,
            TimeSpan.FromMinutes(3),
            cancellationToken);
    }

    public Task<ProcessResult> MSBuildAsync(params string[] arguments) => MSBuildAsync(Path, arguments);

    /// <summary>XML-escapes a value for the project text.</summary>
    public static string Xml(string value) => SecurityElement.Escape(value);

    public void Dispose() => folder.Dispose();
}
