using System.Formats.Tar;
using System.Text;

using Dagger.BuildKit.IntegrationTests.Support;

using Dagger.Runtime.BuildKit;
using Dagger.TestRig;

namespace Dagger.BuildKit.IntegrationTests;

[TestClass]
public sealed class ExportTests
{
    private static (TestDefinition Llb, Dagger.Runtime.Llb.Pb.Input Root) Files(BuildKitClient client, string marker)
    {
        var llb = new TestDefinition();
        var root = llb.Shell(
            llb.Image(),
            $"mkdir -p /out/sub && echo {marker} > /out/hello.txt && echo deep > /out/sub/deep.txt && chmod 751 /out/sub/deep.txt && ln -s hello.txt /out/link",
            network: client.ExecNetwork);
        return (llb, root);
    }

    [TestMethod]
    public async Task A_local_export_writes_the_files_into_a_folder()
    {
        var client = await TestEngine.ClientAsync();
        var marker = Guid.NewGuid().ToString("N");
        var (llb, root) = Files(client, marker);
        var target = Directory.CreateTempSubdirectory("dagger-export-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(target, "kept.txt"), "kept");
            await using var session = await ClientSession.StartAsync(client);
            await client.ExportAsync(llb.Build(root), new LocalExportTarget(target), new BuildSessionOptions { ClientSession = session });

            Assert.AreEqual(marker + "\n", File.ReadAllText(Path.Combine(target, "out", "hello.txt")));
            Assert.AreEqual("deep\n", File.ReadAllText(Path.Combine(target, "out", "sub", "deep.txt")));
            if (!OperatingSystem.IsWindows())
            {
                Assert.AreEqual((UnixFileMode)0x1E9, File.GetUnixFileMode(Path.Combine(target, "out", "sub", "deep.txt")));
            }
            Assert.AreEqual("hello.txt", new FileInfo(Path.Combine(target, "out", "link")).LinkTarget);
            Assert.IsTrue(File.Exists(Path.Combine(target, "bin", "busybox")));
            Assert.AreEqual("kept", File.ReadAllText(Path.Combine(target, "kept.txt")));
        }
        finally
        {
            Directory.Delete(target, recursive: true);
        }
    }

    [TestMethod]
    public async Task A_tar_export_writes_an_archive()
    {
        var client = await TestEngine.ClientAsync();
        var marker = Guid.NewGuid().ToString("N");
        var (llb, root) = Files(client, marker);
        var dir = Directory.CreateTempSubdirectory("dagger-tar-").FullName;
        try
        {
            var file = Path.Combine(dir, "out.tar");
            await using var session = await ClientSession.StartAsync(client);
            await client.ExportAsync(llb.Build(root), new TarExportTarget(file), new BuildSessionOptions { ClientSession = session });

            var entries = new Dictionary<string, string>();
            await using var stream = File.OpenRead(file);
            await using var reader = new TarReader(stream);
            while (await reader.GetNextEntryAsync() is { } entry)
            {
                if (entry.EntryType == TarEntryType.RegularFile && entry.DataStream is not null)
                {
                    entries[entry.Name.TrimStart('.', '/')] = await new StreamReader(entry.DataStream).ReadToEndAsync();
                }
            }

            Assert.AreEqual(marker + "\n", entries["out/hello.txt"]);
            Assert.AreEqual("deep\n", entries["out/sub/deep.txt"]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public async Task An_image_is_stored_pushed_to_a_registry_and_pulled_back()
    {
        var client = await TestEngine.ClientAsync();
        var marker = Guid.NewGuid().ToString("N");
        var (llb, root) = Files(client, marker);
        var name = $"{Rig.Current.Registry.Host}/dagger-test/export-{marker[..8]}:v1";

        var result = await client.ExportAsync(llb.Build(root), new ImageExportTarget(name, Push: true));
        StringAssert.StartsWith(result.ImageDigest, "sha256:");

        // The engine resolves the pushed image from the registry on loopback.
        await Rig.Current.Docker.Images.DeleteImageAsync(name, new Docker.DotNet.Models.ImageDeleteParameters { Force = true });
        await using var build = await client.StartBuildAsync();
        var pull = new TestDefinition();
        var pulled = pull.Image("docker-image://" + name);
        var config = await build.ResolveImageConfigAsync(name);
        Assert.AreEqual(result.ImageDigest, config.Digest);
        var solved = await build.SolveAsync(pull.Build(pulled));
        Assert.AreEqual(marker + "\n", Encoding.UTF8.GetString((await build.ReadFileAsync(solved, "/out/hello.txt")).Span));
        await build.CompleteAsync();
    }
}
