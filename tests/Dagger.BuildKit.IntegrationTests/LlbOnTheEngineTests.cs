using System.Security.Cryptography;
using System.Text;
using Dagger.BuildKit.IntegrationTests.Support;
using Dagger.Runtime.BuildKit;
using Dagger.Runtime.Llb.Pb;
using Dagger.TestRig;

namespace Dagger.BuildKit.IntegrationTests;

/// <summary>Ops of every kind through the wire client, on the rig's engine.</summary>
[TestClass]
public sealed class LlbOnTheEngineTests
{
    private static async Task<string> RunAsync(Func<TestDefinition, BuildKitClient, Input> build, string path)
    {
        var client = await TestEngine.ClientAsync();
        await using var session = await client.StartBuildAsync();
        var llb = new TestDefinition();
        var result = await session.SolveAsync(llb.Build(build(llb, client)));
        var text = Encoding.UTF8.GetString((await session.ReadFileAsync(result, path)).Span);
        await session.CompleteAsync();
        return text;
    }

    private static async Task<BuildFailedException> FailAsync(Func<TestDefinition, BuildKitClient, Input> build)
    {
        var client = await TestEngine.ClientAsync();
        await using var session = await client.StartBuildAsync();
        var llb = new TestDefinition();
        return await Assert.ThrowsExactlyAsync<BuildFailedException>(() => session.SolveAsync(llb.Build(build(llb, client))));
    }

    [TestMethod]
    public async Task Env_cwd_user_and_extra_hosts_reach_the_process()
    {
        var text = await RunAsync(
            (llb, client) => llb.Shell(llb.Image(), "(echo $GREETING; pwd; id -u; grep registry.test /etc/hosts) > /tmp/out; cp /tmp/out /tmp/result", network: client.ExecNetwork, configure: exec =>
            {
                exec.Meta.Env.Add("GREETING=hi " + Guid.NewGuid().ToString("N")[..6]);
                exec.Meta.Cwd = "/tmp";
                exec.Meta.User = "nobody";
                exec.Meta.ExtraHosts.Add(new HostIP { Host = "registry.test", IP = "10.1.2.3" });
            }),
            "/tmp/result");
        var lines = text.Split('\n');
        StringAssert.StartsWith(lines[0], "hi ");
        Assert.AreEqual("/tmp", lines[1]);
        Assert.AreEqual("65534", lines[2]);
        StringAssert.Matches(lines[3], new System.Text.RegularExpressions.Regex(@"^10\.1\.2\.3\s+registry\.test$"));
    }

    [TestMethod]
    public async Task Bind_cache_and_tmpfs_mounts_behave_as_declared()
    {
        var client = await TestEngine.ClientAsync();
        await using var session = await client.StartBuildAsync();
        var llb = new TestDefinition();
        var marker = Guid.NewGuid().ToString("N");
        var data = llb.Shell(llb.Image(), $"mkdir -p /data && echo {marker} > /data/in.txt", network: client.ExecNetwork);
        var cacheId = "dagger-test-cache-" + marker;
        var exec = llb.Shell(
            llb.Image(),
            "cat /ro/data/in.txt > /rw/copied.txt; touch /ro/x 2>/dev/null && echo writable >> /rw/copied.txt; "
            + "echo one >> /cache/log; cat /cache/log > /rw/cache.txt; echo temp > /tmpfs/t; mount | grep ' /tmpfs ' | cut -d' ' -f5 > /rw/tmpfs.txt",
            network: client.ExecNetwork,
            extraInputs: [data],
            configure: e =>
            {
                e.Mounts.Add(new Mount { Input = 1, Dest = "/ro", Output = -1, Readonly = true });
                e.Mounts.Add(new Mount { Input = -1, Dest = "/rw", Output = 1 });
                e.Mounts.Add(new Mount { Input = -1, Dest = "/cache", Output = -1, MountType = MountType.Cache, CacheOpt = new CacheOpt { ID = cacheId, Sharing = CacheSharingOpt.Locked } });
                e.Mounts.Add(new Mount { Input = -1, Dest = "/tmpfs", Output = -1, MountType = MountType.Tmpfs });
            });
        var rw = new Input { Digest = exec.Digest, Index = 1 };
        var result = await session.SolveAsync(llb.Build(rw));
        Assert.AreEqual(marker + "\n", await ReadAsync(session, result, "/copied.txt"));
        Assert.AreEqual("one\n", await ReadAsync(session, result, "/cache.txt"));
        Assert.AreEqual("tmpfs\n", await ReadAsync(session, result, "/tmpfs.txt"));

        // The cache mount outlives the exec: a different exec sharing the id sees what the first one wrote.
        var second = new TestDefinition();
        var reuse = second.Shell(second.Image(), "cat /cache/log > /out", network: client.ExecNetwork, configure: e =>
            e.Mounts.Add(new Mount { Input = -1, Dest = "/cache", Output = -1, MountType = MountType.Cache, CacheOpt = new CacheOpt { ID = cacheId } }));
        var reused = await session.SolveAsync(second.Build(reuse));
        Assert.AreEqual("one\n", await ReadAsync(session, reused, "/out"));
        await session.CompleteAsync();
    }

    [TestMethod]
    public async Task File_ops_mkdir_mkfile_copy_and_rm()
    {
        var client = await TestEngine.ClientAsync();
        await using var session = await client.StartBuildAsync();
        var llb = new TestDefinition();
        var marker = Guid.NewGuid().ToString("N");
        var source = llb.Shell(llb.Image(), $"mkdir -p /src && echo {marker} > /src/a.txt && echo b > /src/b.txt", network: client.ExecNetwork);
        var file = new FileOp();
        file.Actions.Add(new FileAction { Input = -1, SecondaryInput = -1, Output = -1, Mkdir = new FileActionMkDir { Path = "/out/deep/er", Mode = 0x1ED, MakeParents = true } });
        file.Actions.Add(new FileAction { Input = 1, SecondaryInput = -1, Output = -1, Mkfile = new FileActionMkFile { Path = "/out/made.txt", Mode = 0x180, Data = Google.Protobuf.ByteString.CopyFromUtf8("made\n") } });
        file.Actions.Add(new FileAction { Input = 2, SecondaryInput = 0, Output = -1, Copy = new FileActionCopy { Src = "/src", Dest = "/out/copy", Mode = -1, CreateDestPath = true, DirCopyContents = true, AllowWildcard = true } });
        file.Actions.Add(new FileAction { Input = 3, SecondaryInput = -1, Output = 0, Rm = new FileActionRm { Path = "/out/copy/b.txt" } });
        var op = new Op { File = file };
        op.Inputs.Add(source);
        var result = await session.SolveAsync(llb.Build(llb.Add(op, "file ops")));

        Assert.AreEqual("made\n", await ReadAsync(session, result, "/out/made.txt"));
        Assert.AreEqual(marker + "\n", await ReadAsync(session, result, "/out/copy/a.txt"));
        var copy = await session.ReadDirAsync(result, "/out/copy");
        CollectionAssert.AreEqual(new[] { "a.txt" }, copy.Select(e => e.Path).ToArray());
        Assert.AreEqual(FileKind.Directory, (await session.StatFileAsync(result, "/out/deep/er")).Kind);
        Assert.AreEqual(0x180, (await session.StatFileAsync(result, "/out/made.txt")).Permissions);
        await session.CompleteAsync();
    }

    private static GitSource Git(string remote, string reference, bool keepGitDir = false) => new(remote, reference, keepGitDir);

    private sealed record GitSource(string Remote, string Reference, bool KeepGitDir)
    {
        public Input AddTo(TestDefinition llb)
        {
            var attrs = new Dictionary<string, string> { ["git.fullurl"] = Remote };
            if (KeepGitDir)
            {
                attrs["git.keepgitdir"] = "true";
            }

            var withoutScheme = Remote[(Remote.IndexOf("://", StringComparison.Ordinal) + 3)..];
            return llb.Source("git://" + withoutScheme + "#" + Reference, attrs);
        }
    }

    [TestMethod]
    public async Task Git_sources_check_out_branches_tags_and_commits()
    {
        var rig = Rig.Current;
        var daemon = rig.GitDaemon.BaseUrl + GitRepositories.Hello;
        var http = rig.Http.GitUrl(GitRepositories.Hello);
        var client = await TestEngine.ClientAsync();
        await using var session = await client.StartBuildAsync();

        async Task<string> Readme(GitSource source, string path = "/README")
        {
            var llb = new TestDefinition();
            var result = await session.SolveAsync(llb.Build(source.AddTo(llb)));
            return await ReadAsync(session, result, path);
        }

        Assert.AreEqual(GitRepositories.MainReadme, await Readme(Git(daemon, "main")));
        Assert.AreEqual(GitRepositories.FeatureReadme, await Readme(Git(daemon, "feature")));
        Assert.AreEqual(GitRepositories.TagReadme, await Readme(Git(daemon, "v1.0")));
        Assert.AreEqual(GitRepositories.TagReadme, await Readme(Git(http, "v1.0-light")));
        Assert.AreEqual(GitRepositories.TagReadme, await Readme(Git(http, rig.Git.TagCommit)));
        Assert.AreEqual(GitRepositories.SubdirFile, await Readme(Git(daemon, "main"), "/sub/dir/file.txt"));

        var keep = new TestDefinition();
        var kept = await session.SolveAsync(keep.Build(Git(daemon, "main", keepGitDir: true).AddTo(keep)));
        Assert.AreEqual(FileKind.Directory, (await session.StatFileAsync(kept, "/.git")).Kind);
        var plain = new TestDefinition();
        var notKept = await session.SolveAsync(plain.Build(Git(daemon, "main").AddTo(plain)));
        Assert.IsFalse((await session.ReadDirAsync(notKept, "/")).Any(e => e.Path == ".git"));
        await session.CompleteAsync();
    }

    [TestMethod]
    public async Task Git_sources_fail_clearly_on_a_bad_remote_or_ref()
    {
        var rig = Rig.Current;
        var badRef = await FailAsync((llb, _) => Git(rig.GitDaemon.BaseUrl + GitRepositories.Hello, "no-such-branch").AddTo(llb));
        StringAssert.Contains(badRef.Message, "no-such-branch");
        var badRemote = await FailAsync((llb, _) => Git(rig.GitDaemon.BaseUrl + "missing.git", "main").AddTo(llb));
        StringAssert.Contains(badRemote.Message, "missing.git");
        Assert.DoesNotContain("rpc error", badRemote.Message);
    }

    [TestMethod]
    public async Task Http_sources_download_and_verify_checksums()
    {
        var rig = Rig.Current;
        var url = rig.Http.FileUrl("hello.txt");
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(FixtureHttpServer.HelloText)));
        var text = await RunAsync(
            (llb, _) => llb.Source(url, new Dictionary<string, string> { ["http.checksum"] = digest, ["http.filename"] = "greeting.txt" }),
            "/greeting.txt");
        Assert.AreEqual(FixtureHttpServer.HelloText, text);

        var wrong = "sha256:" + new string('0', 64);
        var mismatch = await FailAsync((llb, _) => llb.Source(url, new Dictionary<string, string> { ["http.checksum"] = wrong, ["http.filename"] = "x" }));
        StringAssert.Contains(mismatch.Message, "digest");
        var missing = await FailAsync((llb, _) => llb.Source(rig.Http.FileUrl("nope-" + Guid.NewGuid().ToString("N"))));
        StringAssert.Contains(missing.Message, "404");
    }

    private static async Task<string> ReadAsync(BuildSession session, SolveResult result, string path) =>
        Encoding.UTF8.GetString((await session.ReadFileAsync(result, path)).Span);
}
