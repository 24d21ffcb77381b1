using System.Formats.Tar;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Dagger.TestRig;

/// <summary>
/// The hermetic images, built <c>FROM scratch</c> with Debian's static busybox and imported into the Docker
/// Engine's store, because no registry can be reached. They are reused when already present.
/// </summary>
public static class TestImages
{
    /// <summary>busybox with its applet links, <c>/etc/passwd</c> and <c>/tmp</c>.</summary>
    public const string Busybox = "dagger-test/busybox:latest";

    /// <summary>
    /// A distinct image whose config sets ENV, WORKDIR and USER, holding <c>/etc/issue</c> with
    /// <see cref="ConfigIssue"/>, for tests of how image config propagates.
    /// </summary>
    public const string Config = "dagger-test/config:latest";

    /// <summary>The text of <c>/etc/issue</c> in <see cref="Config"/>.</summary>
    public const string ConfigIssue = "dagger-test config image\n";

    /// <summary>The value of <c>GREETING</c> in <see cref="Config"/>'s environment.</summary>
    public const string ConfigGreeting = "hello from the image config";

    /// <summary>The working directory of <see cref="Config"/>.</summary>
    public const string ConfigWorkdir = "/srv/app";

    /// <summary>The user of <see cref="Config"/> (uid 1234, gid 1234).</summary>
    public const string ConfigUser = "tester";

    /// <summary>Where Debian's busybox-static puts its binary.</summary>
    public const string BusyboxBinary = "/bin/busybox";

    private const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Makes sure both images are in the engine's store.</summary>
    public static async Task EnsureAsync(DockerClient docker, CancellationToken cancellationToken = default)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            var applets = await ListAppletsAsync(cancellationToken);
            await EnsureImageAsync(docker, Busybox, BusyboxTree(applets, config: false), [$"ENV PATH={DefaultPath}"], cancellationToken);
            await EnsureImageAsync(
                docker,
                Config,
                BusyboxTree(applets, config: true),
                [$"ENV PATH={DefaultPath}", $"ENV GREETING=\"{ConfigGreeting}\"", $"WORKDIR {ConfigWorkdir}", $"USER {ConfigUser}"],
                cancellationToken);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task EnsureImageAsync(DockerClient docker, string image, IReadOnlyList<TarEntry> tree, IList<string> changes, CancellationToken cancellationToken)
    {
        try
        {
            await docker.Images.InspectImageAsync(image, cancellationToken);
            return;
        }
        catch (DockerImageNotFoundException)
        {
        }

        using var tar = new MemoryStream();
        await using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in tree)
            {
                await writer.WriteEntryAsync(entry, cancellationToken);
            }
        }

        tar.Position = 0;
        var (repo, tag) = (image[..image.LastIndexOf(':')], image[(image.LastIndexOf(':') + 1)..]);
        await docker.Images.CreateImageAsync(
            new ImagesCreateParameters { FromSrc = "-", Repo = repo, Tag = tag, Changes = changes },
            tar,
            null,
            new Progress<JSONMessage>(),
            cancellationToken);
        await docker.Images.InspectImageAsync(image, cancellationToken);
    }

    private static async Task<IReadOnlyList<string>> ListAppletsAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(BusyboxBinary))
        {
            throw new InvalidOperationException($"{BusyboxBinary} is missing: install Debian's busybox-static (scripts/test does).");
        }

        var result = (await ProcessRunner.RunAsync(BusyboxBinary, ["--list-full"], cancellationToken: cancellationToken)).EnsureSuccess("busybox --list-full");
        return [.. result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    private static List<TarEntry> BusyboxTree(IReadOnlyList<string> applets, bool config)
    {
        var epoch = DateTimeOffset.FromUnixTimeSeconds(0);
        var entries = new List<TarEntry>();
        void Dir(string path, UnixFileMode mode = (UnixFileMode)0b111_101_101, int uid = 0)
        {
            entries.Add(new PaxTarEntry(TarEntryType.Directory, path + "/") { Mode = mode, ModificationTime = epoch, Uid = uid, Gid = uid });
        }

        void TextFile(string path, string text)
        {
            entries.Add(new PaxTarEntry(TarEntryType.RegularFile, path)
            {
                Mode = (UnixFileMode)0b110_100_100,
                ModificationTime = epoch,
                DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)),
            });
        }

        foreach (var dir in new[] { "bin", "sbin", "usr", "usr/bin", "usr/sbin", "etc", "root", "dev", "proc", "sys" })
        {
            Dir(dir);
        }

        Dir("tmp", (UnixFileMode)0b1_111_111_111);
        entries.Add(new PaxTarEntry(TarEntryType.RegularFile, "bin/busybox")
        {
            Mode = (UnixFileMode)0b111_101_101,
            ModificationTime = epoch,
            DataStream = File.OpenRead(BusyboxBinary),
        });
        foreach (var applet in applets)
        {
            var path = applet.TrimStart('/');
            if (path != "bin/busybox")
            {
                entries.Add(new PaxTarEntry(TarEntryType.SymbolicLink, path) { LinkName = "/bin/busybox", ModificationTime = epoch });
            }
        }

        var passwd = "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n";
        var group = "root:x:0:\nnogroup:x:65534:\n";
        if (config)
        {
            passwd += $"{ConfigUser}:x:1234:1234:tester:/home/{ConfigUser}:/bin/sh\n";
            group += $"{ConfigUser}:x:1234:\n";
            TextFile("etc/issue", ConfigIssue);
            Dir("home");
            Dir("home/" + ConfigUser, uid: 1234);
            Dir("srv");
            Dir(ConfigWorkdir.TrimStart('/'), uid: 1234);
        }

        TextFile("etc/passwd", passwd);
        TextFile("etc/group", group);
        return entries;
    }
}
