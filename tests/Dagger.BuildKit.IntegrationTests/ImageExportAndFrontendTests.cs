using System.Formats.Tar;
using System.Text;
using System.Text.Json;
using Dagger.BuildKit.IntegrationTests.Support;
using Dagger.Runtime.BuildKit;
using Dagger.Runtime.Llb;
using Dagger.TestRig;

namespace Dagger.BuildKit.IntegrationTests;

[TestClass]
public sealed class ImageExportAndFrontendTests
{
    private const string Config = """{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/bin","MARK=set-by-the-client"],"WorkingDir":"/srv"}}""";

    [TestMethod]
    public async Task An_image_export_carries_the_given_config()
    {
        var client = await TestEngine.ClientAsync();
        var name = "dagger-test/config-export:" + Guid.NewGuid().ToString("N")[..8];
        var llb = new TestDefinition();
        await client.ExportAsync(llb.Build(llb.Image()), new ImageExportTarget(name) { ImageConfig = Encoding.UTF8.GetBytes(Config) });

        var inspected = await Rig.Current.Docker.Images.InspectImageAsync(name);
        CollectionAssert.Contains(inspected.Config?.Env?.ToList() ?? [], "MARK=set-by-the-client");
        Assert.AreEqual("/srv", inspected.Config?.WorkingDir);
        await Rig.Current.Docker.Images.DeleteImageAsync(name, new Docker.DotNet.Models.ImageDeleteParameters { Force = true });
    }

    [TestMethod]
    public async Task A_docker_archive_export_writes_a_loadable_tarball_with_tag_and_config()
    {
        var client = await TestEngine.ClientAsync();
        var name = "dagger-test/archive-export:" + Guid.NewGuid().ToString("N")[..8];
        var file = Path.Combine(Directory.CreateTempSubdirectory("dagger-archive-").FullName, "image.tar");
        var llb = new TestDefinition();
        var result = await client.ExportAsync(llb.Build(llb.Image()), new DockerArchiveExportTarget(file, name) { ImageConfig = Encoding.UTF8.GetBytes(Config) });

        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var tar = new TarReader(File.OpenRead(file)))
        {
            while (await tar.GetNextEntryAsync(copyData: true) is { } entry)
            {
                if (entry.Name.EndsWith(".json", StringComparison.Ordinal) && entry.DataStream is { } data)
                {
                    entries[entry.Name] = await new StreamReader(data).ReadToEndAsync();
                }
            }
        }

        using var manifest = JsonDocument.Parse(entries["manifest.json"]);
        var image = manifest.RootElement.EnumerateArray().Single();
        Assert.AreEqual(name, image.GetProperty("RepoTags").EnumerateArray().Single().GetString());
        var configName = image.GetProperty("Config").GetString()!;
        StringAssert.Contains(result.ImageDigest, configName.Replace(".json", string.Empty, StringComparison.Ordinal), "the export reports the image id");
        StringAssert.Contains(entries[configName], "MARK=set-by-the-client");
        await Rig.Current.Docker.Images.DeleteImageAsync(name, new Docker.DotNet.Models.ImageDeleteParameters { Force = true });
    }

    [TestMethod]
    public async Task The_dockerfile_frontend_returns_its_graph_and_image_config_without_building()
    {
        var client = await TestEngine.ClientAsync();
        await using var build = await client.StartBuildAsync();
        var dockerfile = State.Scratch.File(FileAction.Mkfile("/Dockerfile", 0x1A4, "FROM dagger-test/busybox\nENV MARK=from-the-dockerfile\nRUN echo built > /built\n"u8)).Marshal();
        var options = new Dictionary<string, string>
        {
            ["filename"] = "Dockerfile",
            ["force-network-mode"] = client.ExecNetwork == NetworkMode.Host ? "host" : "none",
        };
        var result = await build.SolveFrontendAsync("dockerfile.v0", options, new Dictionary<string, LlbDefinition> { ["context"] = dockerfile, ["dockerfile"] = dockerfile });

        Assert.IsNotNull(result.Definition);
        Assert.IsTrue(result.Definition.Ops.Any(o => o.Kind == "exec" && o.Op.Exec.Meta.Args.Contains("echo built > /built")), result.Definition.ToJson());
        using var config = JsonDocument.Parse(result.Metadata["containerimage.config"]);
        CollectionAssert.Contains(config.RootElement.GetProperty("config").GetProperty("Env").EnumerateArray().Select(e => e.GetString()).ToList(), "MARK=from-the-dockerfile");

        // The graph builds on the engine like any other: solve it and read what the RUN step wrote.
        var solved = await build.SolveAsync(result.Definition);
        Assert.AreEqual("built\n", Encoding.UTF8.GetString((await build.ReadFileAsync(solved, "/built")).Span));
        await build.CompleteAsync();
    }
}
