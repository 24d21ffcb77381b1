using System.Text;
using System.Text.Json;
using Dagger.Runtime.Engine.Compilation;
using Dagger.Runtime.Engine.Ops;
using Dagger.Runtime.Llb;
using Google.Protobuf;

namespace Dagger.Engine.UnitTests.Compilation;

[TestClass]
public sealed class PipelineCompilerTests
{
    private const string Busybox = "docker.io/dagger-test/busybox:latest";
    private const string Config = "docker.io/dagger-test/config:latest";

    private static readonly FakeImageResolver Images = new(new Dictionary<string, string>
    {
        [Busybox] = """{"config":{"Env":["PATH=/usr/bin:/bin"]}}""",
        [Config] = """{"config":{"Env":["PATH=/bin","GREETING=hello"],"WorkingDir":"/srv/app","User":"tester"}}""",
    });

    private static readonly Func<PipelineReference, CancellationToken, ValueTask<CompiledPipeline?>> NoPipelines =
        (_, _) => ValueTask.FromResult<CompiledPipeline?>(null);

    private static OpSource At(string path) => new(path, "plan.cue:3:4");

    private static async Task<CompiledPipeline> CompileAsync(IReadOnlyList<PipelineOp> ops, CompileOptions? options = null, Func<PipelineReference, CancellationToken, ValueTask<CompiledPipeline?>>? resolve = null)
    {
        var result = await new PipelineCompiler(options ?? new CompileOptions(), Images).CompileAsync("task", ops, resolve ?? NoPipelines, CancellationToken.None);
        Assert.IsNotNull(result.Pipeline, $"waiting for {result.WaitingFor}");
        return result.Pipeline;
    }

    [TestMethod]
    public async Task A_platform_is_set_on_every_op_of_the_pipeline()
    {
        var ops = new PipelineOp[]
        {
            new FetchContainerOp(At("task.#up[0]"), "dagger-test/busybox"),
            new ExecOp(At("task.#up[1]"), ["uname", "-m"]),
            new MkdirOp(At("task.#up[2]"), "/out", "/", 0x1ED),
        };
        var arm = CompiledDump.Of((await CompileAsync(ops, new CompileOptions { Platform = Platform.Parse("linux/aarch64") })).State);
        foreach (var path in new[] { "task.#up[0]", "task.#up[1]", "task.#up[2]" })
        {
            var platform = arm.ByPath(path).GetProperty("op").GetProperty("platform");
            Assert.AreEqual("arm64", platform.GetProperty("Architecture").GetString(), path);
            Assert.AreEqual("linux", platform.GetProperty("OS").GetString(), path);
        }

        var native = CompiledDump.Of((await CompileAsync(ops)).State);
        Assert.AreEqual(Platform.DefaultLinux.Architecture, native.ByPath("task.#up[1]").GetProperty("op").GetProperty("platform").GetProperty("Architecture").GetString());
        Assert.AreNotEqual(native.Json, arm.Json, "the platform is part of each op, so of its digest");
    }

    [TestMethod]
    public async Task Fetch_exec_export_compiles_to_one_graph_with_an_export_point()
    {
        var pipeline = await CompileAsync([
            new FetchContainerOp(At("task.#up[0]"), "dagger-test/busybox"),
            new ExecOp(At("task.#up[1]"), ["sh", "-c", "printf hi > /out"]) { Env = new Dictionary<string, string> { ["B"] = "2", ["A"] = "1" } },
            new ExportOp(At("task.#up[2]"), "/out", ExportFormat.Json),
        ], new CompileOptions { ExecNetwork = NetworkMode.Host });

        var dump = CompiledDump.Of(pipeline.State);
        Assert.HasCount(3, dump.Ops, dump.Json);
        var source = dump.ByPath("task.#up[0]");
        Assert.AreEqual("docker-image://" + Busybox, source.GetProperty("op").GetProperty("source").GetProperty("identifier").GetString());
        var exec = dump.ByPath("task.#up[1]").GetProperty("op").GetProperty("exec");
        CollectionAssert.AreEqual(new[] { "sh", "-c", "printf hi > /out" }, CompiledDump.Strings(exec.GetProperty("meta").GetProperty("args")));
        CollectionAssert.AreEqual(new[] { "PATH=/usr/bin:/bin", "A=1", "B=2" }, CompiledDump.Strings(exec.GetProperty("meta").GetProperty("env")));
        Assert.AreEqual("HOST", exec.GetProperty("network").GetString());
        Assert.AreEqual("exec sh -c printf hi > /out", CompiledDump.Name(dump.ByPath("task.#up[1]")), "the engine shows what the op does; its tag says which op it is");

        var export = pipeline.Exports.Single();
        Assert.AreEqual("/out", export.Op.Path);
        Assert.AreEqual(ExportFormat.Json, export.Op.Format);
        Assert.AreEqual(pipeline.State.Marshal().Result, export.State.Marshal().Result, "the export reads the state after the exec");
        Assert.AreEqual(Images.ConfigOf(Busybox), Encoding.UTF8.GetString(pipeline.ImageConfig!.Value.Span));
    }

    [TestMethod]
    public async Task Image_config_sets_env_workdir_and_user_and_exec_settings_override_them()
    {
        var pipeline = await CompileAsync([
            new FetchContainerOp(At("t.#up[0]"), "dagger-test/config"),
            new ExecOp(At("t.#up[1]"), ["true"]),
            new ExecOp(At("t.#up[2]"), ["true"]) { Dir = "/elsewhere", User = "root", Env = new Dictionary<string, string> { ["GREETING"] = "bye" } },
        ]);
        var dump = CompiledDump.Of(pipeline.State);
        var inherited = dump.ByPath("t.#up[1]").GetProperty("op").GetProperty("exec").GetProperty("meta");
        Assert.AreEqual("/srv/app", inherited.GetProperty("cwd").GetString());
        Assert.AreEqual("tester", inherited.GetProperty("user").GetString());
        CollectionAssert.AreEqual(new[] { "PATH=/bin", "GREETING=hello" }, CompiledDump.Strings(inherited.GetProperty("env")));

        var overridden = dump.ByPath("t.#up[2]").GetProperty("op").GetProperty("exec").GetProperty("meta");
        Assert.AreEqual("/elsewhere", overridden.GetProperty("cwd").GetString());
        Assert.AreEqual("root", overridden.GetProperty("user").GetString());
        CollectionAssert.AreEqual(new[] { "PATH=/bin", "GREETING=bye" }, CompiledDump.Strings(overridden.GetProperty("env")));
    }

    [TestMethod]
    public async Task Workdir_op_sets_the_directory_of_later_execs()
    {
        var pipeline = await CompileAsync([
            new FetchContainerOp(At("t.#up[0]"), "dagger-test/busybox"),
            new WorkdirOp(At("t.#up[1]"), "/work"),
            new ExecOp(At("t.#up[2]"), ["pwd"]),
        ]);
        var meta = CompiledDump.Of(pipeline.State).ByPath("t.#up[2]").GetProperty("op").GetProperty("exec").GetProperty("meta");
        Assert.AreEqual("/work", meta.GetProperty("cwd").GetString());
    }

    [TestMethod]
    public async Task Always_ignores_the_cache_for_that_exec_only_and_no_cache_for_every_op_but_the_image()
    {
        IReadOnlyList<PipelineOp> ops = [
            new FetchContainerOp(At("t.#up[0]"), "dagger-test/busybox"),
            new ExecOp(At("t.#up[1]"), ["date"]) { Always = true },
            new ExecOp(At("t.#up[2]"), ["true"]),
        ];
        var dump = CompiledDump.Of((await CompileAsync(ops)).State);
        Assert.IsFalse(CompiledDump.IgnoresCache(dump.ByPath("t.#up[0]")));
        Assert.IsTrue(CompiledDump.IgnoresCache(dump.ByPath("t.#up[1]")));
        Assert.IsFalse(CompiledDump.IgnoresCache(dump.ByPath("t.#up[2]")));

        var noCache = CompiledDump.Of((await CompileAsync(ops, new CompileOptions { NoCache = true })).State);
        var image = noCache.ByPath("t.#up[0]");
        Assert.IsFalse(CompiledDump.IgnoresCache(image), noCache.Json);
        var others = noCache.Ops.Where(o => CompiledDump.Name(o) is not null && o.GetProperty("digest").GetString() != image.GetProperty("digest").GetString()).ToList();
        Assert.AreEqual(2, others.Count, noCache.Json);
        Assert.IsTrue(others.All(CompiledDump.IgnoresCache), noCache.Json);
    }

    [TestMethod]
    public async Task Load_splices_the_referenced_pipeline_and_inherits_its_image_config()
    {
        var basePipeline = await CompileAsync([
            new FetchContainerOp(At("base.#up[0]"), "dagger-test/config"),
            new ExecOp(At("base.#up[1]"), ["touch", "/built"]),
        ]);
        var requested = new List<string>();
        var pipeline = await CompileAsync(
            [
                new LoadOp(At("app.#up[0]"), new PipelineReference("base")),
                new ExecOp(At("app.#up[1]"), ["ls", "/built"]),
            ],
            resolve: (reference, _) =>
            {
                requested.Add(reference.Path);
                return ValueTask.FromResult<CompiledPipeline?>(basePipeline);
            });
        CollectionAssert.AreEqual(new[] { "base" }, requested);
        var dump = CompiledDump.Of(pipeline.State);
        var app = dump.ByPath("app.#up[1]");
        Assert.AreEqual(dump.ByPath("base.#up[1]").GetProperty("digest").GetString(), app.GetProperty("inputs")[0].GetProperty("digest").GetString());
        Assert.AreEqual("/srv/app", app.GetProperty("op").GetProperty("exec").GetProperty("meta").GetProperty("cwd").GetString());
        Assert.AreEqual(basePipeline.ImageConfig!.Value.ToArray().Length, pipeline.ImageConfig!.Value.Length);
    }

    [TestMethod]
    public async Task A_reference_that_is_not_ready_makes_the_pipeline_wait_for_it()
    {
        var compiler = new PipelineCompiler(new CompileOptions(), Images);
        var missing = new PipelineReference("other");
        foreach (var op in new PipelineOp[]
        {
            new LoadOp(At("t.#up[1]"), missing),
            new CopyOp(At("t.#up[1]"), missing, "/a", "/b"),
            new ExecOp(At("t.#up[1]"), ["true"]) { Mounts = [new FromMountSpec("/mnt", missing)] },
        })
        {
            var result = await compiler.CompileAsync("t", [new FetchContainerOp(At("t.#up[0]"), "dagger-test/busybox"), op], NoPipelines, CancellationToken.None);
            Assert.IsNull(result.Pipeline);
            Assert.AreEqual(missing, result.WaitingFor, op.Kind);
        }
    }

    [TestMethod]
    public async Task Mounts_compile_to_tmpfs_cache_secret_and_read_only_binds_in_target_order()
    {
        var data = await CompileAsync([new FetchContainerOp(At("data.#up[0]"), "dagger-test/busybox"), new MkdirOp(At("data.#up[1]"), "sub")]);
        var pipeline = await CompileAsync(
            [
                new FetchContainerOp(At("t.#up[0]"), "dagger-test/busybox"),
                new ExecOp(At("t.#up[1]"), ["true"])
                {
                    Mounts =
                    [
                        // Relative: under the root filesystem, as the original's contract (mounts/cache) has it.
                        new TmpfsMountSpec("tmp"),
                        new SecretMountSpec("/run/secret", "secret-id-123"),
                        new CacheMountSpec("/cache", "t.#up[1].mount./cache"),
                        new FromMountSpec("/data", new PipelineReference("data"), "/sub"),
                    ],
                },
            ],
            resolve: (_, _) => ValueTask.FromResult<CompiledPipeline?>(data));
        var mounts = CompiledDump.Of(pipeline.State).ByPath("t.#up[1]").GetProperty("op").GetProperty("exec").GetProperty("mounts").EnumerateArray().ToList();
        Assert.AreEqual("/", mounts[0].GetProperty("dest").GetString());
        var byDest = mounts.Skip(1).ToDictionary(m => m.GetProperty("dest").GetString()!);
        CollectionAssert.AreEquivalent(new[] { "/cache", "/data", "/run/secret", "/tmp" }, byDest.Keys.ToArray());
        Assert.AreEqual("TMPFS", byDest["/tmp"].GetProperty("mountType").GetString());
        Assert.AreEqual("CACHE", byDest["/cache"].GetProperty("mountType").GetString());
        Assert.AreEqual("t.#up[1].mount./cache", byDest["/cache"].GetProperty("cacheOpt").GetProperty("ID").GetString());
        Assert.AreEqual("SECRET", byDest["/run/secret"].GetProperty("mountType").GetString());
        Assert.AreEqual("secret-id-123", byDest["/run/secret"].GetProperty("secretOpt").GetProperty("ID").GetString());
        Assert.AreEqual("0400", byDest["/run/secret"].GetProperty("secretOpt").GetProperty("mode").GetString());
        Assert.AreEqual("/sub", byDest["/data"].GetProperty("selector").GetString());
        Assert.AreEqual(-1, byDest["/data"].GetProperty("output").GetInt64(), "writes to a from-mount are discarded");
    }

    [TestMethod]
    public async Task Local_op_syncs_the_directory_through_the_session_and_never_the_dagger_folder()
    {
        var pipeline = await CompileAsync(
            [new LocalOp(At("src.#up[0]"), "/home/me/project", ["*.cs"], ["bin/"])],
            new CompileOptions { SessionId = "session-42" });
        var dump = CompiledDump.Of(pipeline.State);
        var source = dump.Ops.Single(o => o.GetProperty("kind").GetString() == "source").GetProperty("op").GetProperty("source");
        Assert.AreEqual("local://" + "/home/me/project", source.GetProperty("identifier").GetString());
        var attrs = source.GetProperty("attrs");
        Assert.AreEqual("session-42", attrs.GetProperty("local.session").GetString());
        Assert.AreEqual("/home/me/project", attrs.GetProperty("local.sharedkeyhint").GetString());
        StringAssert.Contains(attrs.GetProperty("local.includepattern").GetString(), "*.cs");
        var excludes = attrs.GetProperty("local.excludepatterns").GetString()!;
        StringAssert.Contains(excludes, "bin/");
        StringAssert.Contains(excludes, PipelineCompiler.DaggerStateExclude);
    }

    [TestMethod]
    public async Task File_ops_copy_subdir_write_file_and_mkdir()
    {
        var other = await CompileAsync([new FetchContainerOp(At("o.#up[0]"), "dagger-test/config")]);
        var pipeline = await CompileAsync(
            [
                new FetchContainerOp(At("t.#up[0]"), "dagger-test/busybox"),
                new CopyOp(At("t.#up[1]"), new PipelineReference("o"), "/etc/issue", "/copied/"),
                new WriteFileOp(At("t.#up[2]"), "/hello.txt", Encoding.UTF8.GetBytes("hello"), 0x180),
                new MkdirOp(At("t.#up[3]"), "a/b", "/base"),
                new SubdirOp(At("t.#up[4]"), "/base"),
            ],
            resolve: (_, _) => ValueTask.FromResult<CompiledPipeline?>(other));
        var dump = CompiledDump.Of(pipeline.State);
        var copy = dump.ByPath("t.#up[1]").GetProperty("op").GetProperty("file").GetProperty("actions")[0].GetProperty("copy");
        Assert.AreEqual("/etc/issue", copy.GetProperty("src").GetString());
        Assert.AreEqual("/copied/", copy.GetProperty("dest").GetString());
        Assert.IsTrue(copy.GetProperty("createDestPath").GetBoolean());
        Assert.IsTrue(copy.GetProperty("allowWildcard").GetBoolean());
        var mkfile = dump.ByPath("t.#up[2]").GetProperty("op").GetProperty("file").GetProperty("actions")[0].GetProperty("mkfile");
        Assert.AreEqual("/hello.txt", mkfile.GetProperty("path").GetString());
        Assert.AreEqual("0600", mkfile.GetProperty("mode").GetString());
        Assert.AreEqual("hello", mkfile.GetProperty("data").GetString());
        var mkdir = dump.ByPath("t.#up[3]").GetProperty("op").GetProperty("file").GetProperty("actions")[0].GetProperty("mkdir");
        Assert.AreEqual("/base/a/b", mkdir.GetProperty("path").GetString());
        Assert.IsTrue(mkdir.GetProperty("makeParents").GetBoolean());
        var subdir = dump.ByPath("t.#up[4]");
        Assert.AreEqual("/base", subdir.GetProperty("op").GetProperty("file").GetProperty("actions")[0].GetProperty("copy").GetProperty("src").GetString());
        Assert.AreEqual(subdir.GetProperty("digest").GetString(), dump.Ops[^1].GetProperty("inputs")[0].GetProperty("digest").GetString(), "subdir's result is the pipeline's");
    }

    [TestMethod]
    public async Task Git_and_http_sources_carry_secret_ids_not_secrets_and_redact_url_credentials()
    {
        var git = await CompileAsync([new FetchGitOp(At("g.#up[0]"), "https://user:pw@127.0.0.1:9/repo.git", "v1.0", KeepGitDir: true, AuthTokenSecret: "token-id")]);
        var gitOp = CompiledDump.Of(git.State).ByPath("g.#up[0]");
        var attrs = gitOp.GetProperty("op").GetProperty("source").GetProperty("attrs");
        Assert.AreEqual("token-id", attrs.GetProperty("git.authtokensecret").GetString());
        Assert.IsFalse(attrs.TryGetProperty("git.authheadersecret", out _));
        Assert.AreEqual("true", attrs.GetProperty("git.keepgitdir").GetString());
        Assert.DoesNotContain("pw", CompiledDump.Name(gitOp)!);

        var http = await CompileAsync([new FetchHttpOp(At("h.#up[0]"), "http://127.0.0.1:9/f.txt", "sha256:" + new string('b', 64), "file.txt", 0x1ED, Uid: 1000, Gid: 0)]);
        var httpAttrs = CompiledDump.Of(http.State).ByPath("h.#up[0]").GetProperty("op").GetProperty("source").GetProperty("attrs");
        Assert.AreEqual("file.txt", httpAttrs.GetProperty("http.filename").GetString());
        Assert.AreEqual("sha256:" + new string('b', 64), httpAttrs.GetProperty("http.checksum").GetString());
        Assert.IsFalse(httpAttrs.TryGetProperty("http.uid", out _), "ownership applies only when both uid and gid are set");
    }

    [TestMethod]
    public async Task Compilation_is_deterministic()
    {
        IReadOnlyList<PipelineOp> ops = [
            new FetchContainerOp(At("t.#up[0]"), "dagger-test/busybox"),
            new ExecOp(At("t.#up[1]"), ["true"])
            {
                Env = new Dictionary<string, string> { ["Z"] = "1", ["A"] = "2", ["M"] = "3" },
                Hosts = new Dictionary<string, string> { ["b.test"] = "10.0.0.2", ["a.test"] = "10.0.0.1" },
                Mounts = [new TmpfsMountSpec("/b"), new TmpfsMountSpec("/a")],
            },
        ];
        var first = (await CompileAsync(ops)).State.Marshal().ToProto().ToByteArray();
        var reordered = ops.Select(o => o is ExecOp e ? e with
        {
            Env = e.Env.Reverse().ToDictionary(),
            Hosts = e.Hosts.Reverse().ToDictionary(),
            Mounts = [.. e.Mounts.Reverse()],
        } : o).ToList();
        var second = (await CompileAsync(reordered)).State.Marshal().ToProto().ToByteArray();
        CollectionAssert.AreEqual(first, second);
    }

    [TestMethod]
    public async Task Invalid_ops_fail_with_their_path_and_position()
    {
        var compiler = new PipelineCompiler(new CompileOptions(), Images);
        async Task<string> FailureOf(params PipelineOp[] ops) =>
            (await Assert.ThrowsExactlyAsync<OpException>(() => compiler.CompileAsync("t", ops, NoPipelines, CancellationToken.None))).Message;

        Assert.AreEqual("t.#up[0]: exec needs at least one argument in \"args\"", await FailureOf(new ExecOp(At("t.#up[0]"), [])));
        StringAssert.Contains(await FailureOf(new ExecOp(At("t.#up[0]"), ["true"]) { Hosts = new Dictionary<string, string> { ["db"] = "not-an-ip" } }), "host \"db\": \"not-an-ip\" is not an IP address");
        var missing = await FailureOf(new FetchContainerOp(At("t.#up[0]"), "doesnotexist"));
        StringAssert.StartsWith(missing, "t.#up[0]: cannot fetch image \"doesnotexist\"");
        StringAssert.Contains(await FailureOf(new FetchContainerOp(At("t.#up[0]"), "UPPER/case")), "t.#up[0]: ");
    }
}
