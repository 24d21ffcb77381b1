using System.Text.Json;
using Dagger.TestRig;

namespace Dagger.Tool.IntegrationTests.Environments;

/// <summary>
/// A project on a disk that fills up: the run that cannot keep its state fails in its own events, with DAG6001 naming
/// the file, and the state it had stays whole. The disk is a 2 MB tmpfs (root, as CI runs).
/// </summary>
[TestClass]
public sealed class FullDiskTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task A_full_disk_fails_the_run_in_its_own_events_and_keeps_the_previous_state()
    {
        using var disk = await SmallDisk.MountAsync(TestContext.CancellationToken);
        var w = new RigWorkspace(disk.Path);
        await w.OkAsync("init");
        w.Write("main.cue", "package main\n\nimport \"alpha.dagger.io/dagger\"\n\nname: dagger.#Input & string\ngreeting: {\n\tstring\n\t#up: [\n\t\t{do: \"fetch-container\", ref: \"dagger-test/busybox\"},\n\t\t{do: \"exec\", args: [\"sh\", \"-c\", \"printf 'Hi %s' \\(name) > /out\"]},\n\t\t{do: \"export\", source: \"/out\"},\n\t]\n}\n");
        await w.OkAsync("new", "ci");
        await w.OkAsync("input", "text", "name", "First");
        await w.OkAsync("up", "--log-format", "plain");
        var before = await File.ReadAllTextAsync(w.State("ci", "computed.json"), TestContext.CancellationToken);
        StringAssert.Contains(before, "Hi First");

        await disk.FillAsync(TestContext.CancellationToken);
        var (code, _, err) = await w.RunAsync("up", "--input-string", "name=Full", "--log-format", "json");

        Assert.AreEqual(1, code, err);
        var completed = JsonDocument.Parse(err.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]).RootElement;
        Assert.AreEqual("run.completed", completed.GetProperty("event").GetString());
        Assert.AreEqual("failure", completed.GetProperty("result").GetString(), "the front doors read the verdict from run.completed");
        var error = completed.GetProperty("error");
        Assert.AreEqual("DAG6001", error.GetProperty("code").GetString());
        var message = error.GetProperty("message").GetString()!;
        StringAssert.Contains(message, w.State("ci", "computed.json") + ": cannot write: No space left on device");
        Assert.DoesNotContain(".tmp", message, "the message names the state file, not its temporary twin");
        Assert.AreEqual(before, await File.ReadAllTextAsync(w.State("ci", "computed.json"), TestContext.CancellationToken), "the previous state stays whole");
        Assert.IsEmpty(Directory.GetFiles(w.Root, "*.tmp", SearchOption.AllDirectories), "no temporary file left behind");

        disk.Free();
        await w.OkAsync("up", "--input-string", "name=Room", "--log-format", "plain");
        StringAssert.Contains(await File.ReadAllTextAsync(w.State("ci", "computed.json"), TestContext.CancellationToken), "Hi Room");
    }

    /// <summary>A 2 MB tmpfs in a temporary folder, unmounted at the end.</summary>
    private sealed class SmallDisk : IDisposable
    {
        private SmallDisk(string path) => Path = path;

        public string Path { get; }

        private string Filler => System.IO.Path.Combine(Path, "filler");

        public static async Task<SmallDisk> MountAsync(CancellationToken cancellationToken)
        {
            var path = Directory.CreateTempSubdirectory("dagger-fulldisk-").FullName;
            var mount = await ProcessRunner.RunAsync("mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", path], cancellationToken: cancellationToken);
            if (mount.ExitCode != 0)
            {
                Directory.Delete(path);
                if (Environment.GetEnvironmentVariable("CI") == "true")
                {
                    Assert.Fail($"a small disk needs mount(8) as root, and CI runs as root, but mount refused: {mount.Stderr.Trim()}");
                }

                Assert.Inconclusive($"a small disk needs mount(8) as root, which this machine refused: {mount.Stderr.Trim()}");
            }

            return new SmallDisk(path);
        }

        /// <summary>Writes until the disk refuses a byte more.</summary>
        public async Task FillAsync(CancellationToken cancellationToken)
        {
            var block = new byte[4096];
            await using var filler = new FileStream(Filler, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
            try
            {
                while (true)
                {
                    await filler.WriteAsync(block, cancellationToken);
                }
            }
            catch (IOException)
            {
                // Full.
            }
        }

        public void Free() => File.Delete(Filler);

        public void Dispose()
        {
            ProcessRunner.RunAsync("umount", ["-l", Path]).GetAwaiter().GetResult();
            Directory.Delete(Path, recursive: true);
        }
    }
}
