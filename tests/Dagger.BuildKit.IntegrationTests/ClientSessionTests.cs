using System.Text;

using Dagger.BuildKit.IntegrationTests.Support;

using Dagger.Runtime.BuildKit;
using Dagger.Runtime.Llb.Pb;

namespace Dagger.BuildKit.IntegrationTests;

[TestClass]
public sealed class ClientSessionTests
{
    public TestContext TestContext { get; set; } = null!;

    private static Input Local(TestDefinition llb, ClientSession session, string name, string? includes = null, string? excludes = null)
    {
        var attrs = new Dictionary<string, string>
        {
            ["local.session"] = session.Id,
            ["local.sharedkeyhint"] = name,
            ["local.unique"] = Guid.NewGuid().ToString("N"),
        };
        if (includes is not null)
        {
            attrs["local.includepattern"] = includes;
        }

        if (excludes is not null)
        {
            attrs["local.excludepatterns"] = excludes;
        }

        return llb.Source("local://" + name, attrs);
    }

    private static Input ShellWith(TestDefinition llb, BuildKitClient client, Input root, string script, params (Input Input, string Dest)[] mounts) =>
        llb.Shell(root, script, network: client.ExecNetwork, configure: exec =>
        {
            foreach (var (_, dest) in mounts)
            {
                exec.Mounts.Add(new Mount { Input = exec.Mounts.Count, Dest = dest, Output = -1, Readonly = true });
            }
        }, extraInputs: mounts.Select(m => m.Input).ToArray());

    [TestMethod]
    public async Task A_local_directory_is_synced_with_include_and_exclude_patterns()
    {
        var dir = Directory.CreateTempSubdirectory("dagger-sync-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "a.txt"), "A");
            File.WriteAllText(Path.Combine(dir, "b.log"), "B");
            Directory.CreateDirectory(Path.Combine(dir, "sub", "deep"));
            File.WriteAllText(Path.Combine(dir, "sub", "c.txt"), "C");
            File.WriteAllText(Path.Combine(dir, "sub", "deep", "e.txt"), "E");
            File.WriteAllText(Path.Combine(dir, "sub", "d.log"), "D");
            Directory.CreateDirectory(Path.Combine(dir, "node_modules"));
            File.WriteAllText(Path.Combine(dir, "node_modules", "x.txt"), "X");
            File.CreateSymbolicLink(Path.Combine(dir, "link"), "a.txt");

            var client = await TestEngine.ClientAsync();
            await using var session = await ClientSession.StartAsync(client);
            session.AddDirectory("src", new LocalDirectory(dir));
            await using var build = await client.StartBuildAsync(new BuildSessionOptions { ClientSession = session });

            var llb = new TestDefinition();
            var local = Local(llb, session, "src", excludes: "[\"*.log\",\"**/*.log\",\"node_modules\"]");
            var root = ShellWith(llb, client, llb.Image(), "cd /src && /bin/busybox find . | /bin/busybox sort > /listing && cat sub/deep/e.txt >> /listing && readlink link >> /listing", (local, "/src"));
            var result = await build.SolveAsync(llb.Build(root));
            var listing = Encoding.UTF8.GetString((await build.ReadFileAsync(result, "/listing")).Span);
            Assert.AreEqual(".\n./a.txt\n./link\n./sub\n./sub/c.txt\n./sub/deep\n./sub/deep/e.txt\nEa.txt\n", listing);

            var llb2 = new TestDefinition();
            var included = Local(llb2, session, "src", includes: "[\"sub/deep\",\"a.txt\"]");
            var root2 = ShellWith(llb2, client, llb2.Image(), "cd /src && /bin/busybox find . | /bin/busybox sort > /listing", (included, "/src"));
            var result2 = await build.SolveAsync(llb2.Build(root2));
            Assert.AreEqual(".\n./a.txt\n./sub\n./sub/deep\n./sub/deep/e.txt\n", Encoding.UTF8.GetString((await build.ReadFileAsync(result2, "/listing")).Span));
            await build.CompleteAsync();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public async Task A_20_MB_tree_syncs_and_checksums_match()
    {
        var dir = Directory.CreateTempSubdirectory("dagger-sync-big-").FullName;
        try
        {
            var random = new Random(42);
            var buffer = new byte[40 * 1024];
            for (var i = 0; i < 500; i++)
            {
                var sub = Path.Combine(dir, "d" + (i % 10));
                Directory.CreateDirectory(sub);
                random.NextBytes(buffer);
                File.WriteAllBytes(Path.Combine(sub, $"f{i:D3}.bin"), buffer);
            }

            var expected = string.Join("\n", Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
                .Select(f => (Path: Path.GetRelativePath(dir, f), Hash: Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))))
                .OrderBy(f => f.Path, StringComparer.Ordinal)
                .Select(f => $"{f.Hash}  ./{f.Path}")) + "\n";

            var client = await TestEngine.ClientAsync();
            await using var session = await ClientSession.StartAsync(client);
            session.AddDirectory("big", new LocalDirectory(dir));
            await using var build = await client.StartBuildAsync(new BuildSessionOptions { ClientSession = session });
            var llb = new TestDefinition();
            var local = Local(llb, session, "big");
            var root = ShellWith(llb, client, llb.Image(), "cd /src && /bin/busybox find . -type f | /bin/busybox sort | while read f; do sha256sum \"$f\"; done > /sums", (local, "/src"));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var result = await build.SolveAsync(llb.Build(root));
            TestContext.WriteLine($"20 MB / 500 files synced and hashed in {clock.Elapsed.TotalMilliseconds:F0} ms; {session.BytesSent} bytes sent");
            Assert.AreEqual(expected, Encoding.UTF8.GetString((await build.ReadFileAsync(result, "/sums")).Span));
            Assert.IsGreaterThanOrEqualTo(500L * buffer.Length, session.BytesSent);
            await build.CompleteAsync();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public async Task A_secret_is_mounted_from_the_session()
    {
        var client = await TestEngine.ClientAsync();
        await using var session = await ClientSession.StartAsync(client);
        var value = "s3cr3t-" + Guid.NewGuid().ToString("N");
        session.SetSecret("token", Encoding.UTF8.GetBytes(value));
        await using var build = await client.StartBuildAsync(new BuildSessionOptions { ClientSession = session });

        var llb = new TestDefinition();
        var root = llb.Shell(llb.Image(), $"stat -c %a /run/secrets/token > /out; cat /run/secrets/token >> /out # {Guid.NewGuid()}", network: client.ExecNetwork, configure: exec =>
            exec.Mounts.Add(new Mount
            {
                Input = -1,
                Dest = "/run/secrets/token",
                Output = -1,
                MountType = MountType.Secret,
                SecretOpt = new SecretOpt { ID = "token", Mode = 0x124 },
            }));
        var result = await build.SolveAsync(llb.Build(root));
        Assert.AreEqual("444\n" + value, Encoding.UTF8.GetString((await build.ReadFileAsync(result, "/out")).Span));

        var missing = new TestDefinition();
        var failing = missing.Shell(missing.Image(), "cat /run/secrets/none", network: client.ExecNetwork, configure: exec =>
            exec.Mounts.Add(new Mount { Input = -1, Dest = "/run/secrets/none", Output = -1, MountType = MountType.Secret, SecretOpt = new SecretOpt { ID = "none" } }));
        var error = await Assert.ThrowsExactlyAsync<BuildFailedException>(() => build.SolveAsync(missing.Build(failing)));
        StringAssert.Contains(error.Message, "none");
        await build.DisposeAsync();
    }
}
