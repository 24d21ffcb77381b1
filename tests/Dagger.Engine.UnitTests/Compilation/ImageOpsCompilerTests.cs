using System.Text;
using Dagger.Runtime.Engine.Compilation;
using Dagger.Runtime.Engine.Ops;
using Dagger.Runtime.Llb;

namespace Dagger.Engine.UnitTests.Compilation;

/// <summary>docker-build, push-container, save-image and docker-login compiled with a fake engine, asserted on the LLB.</summary>
[TestClass]
public sealed class ImageOpsCompilerTests
{
    private const string Busybox = "docker.io/dagger-test/busybox:latest";
    private const string Config = "docker.io/dagger-test/config:latest";

    private static readonly FakeImageResolver Images = new(new Dictionary<string, string>
    {
        [Busybox] = """{"config":{"Env":["PATH=/usr/bin:/bin"]}}""",
        [Config] = """{"config":{"Env":["PATH=/bin","GREETING=hello"],"WorkingDir":"/srv/app","User":"tester"}}""",
    });

    private static OpSource At(string path) => new(path, "plan.cue:3:4");

    // Compiles as a run does: each side effect the compiler asks for is performed, then the pipeline compiled again.
    private static async Task<CompileResult> CompileAsync(
        FakeImageServices services,
        IReadOnlyList<PipelineOp> ops,
        CompileOptions? options = null,
        IReadOnlyDictionary<string, CompiledPipeline>? pipelines = null)
    {
        var compiler = new PipelineCompiler(options ?? new CompileOptions(), Images, null, services);
        while (true)
        {
            var result = await compiler.CompileAsync(
                "t",
                ops,
                (reference, _) => ValueTask.FromResult(pipelines?.GetValueOrDefault(reference.Path)),
                CancellationToken.None);
            if (result.Effect is not { } effect)
            {
                return result;
            }

            await compiler.PerformAsync(effect, CancellationToken.None);
        }
    }

    private static async Task<CompiledPipeline> ReadyAsync(FakeImageServices services, IReadOnlyList<PipelineOp> ops, CompileOptions? options = null, IReadOnlyDictionary<string, CompiledPipeline>? pipelines = null)
    {
        var result = await CompileAsync(services, ops, options, pipelines);
        Assert.IsNotNull(result.Pipeline, $"waiting for {result.WaitingFor}");
        return result.Pipeline;
    }

    private static string FileText(CompiledDump dump, string path, string dest) =>
        dump.ByPath(path).GetProperty("op").GetProperty("file").GetProperty("actions").EnumerateArray()
            .Where(a => a.TryGetProperty("mkfile", out _))
            .Select(a => a.GetProperty("mkfile"))
            .Single(m => m.GetProperty("path").GetString() == dest)
            .GetProperty("data").GetString()!;

    [TestMethod]
    public async Task Inline_dockerfile_is_its_own_context_and_the_frontend_graph_is_spliced_with_its_image_config()
    {
        var services = new FakeImageServices();
        var pipeline = await ReadyAsync(services, [
            new DockerBuildOp(At("t.#up[0]"), null, "FROM dagger-test/busybox\nRUN echo built > /built\n")
            {
                BuildArgs = new Dictionary<string, string> { ["TEST"] = "bar" },
                Labels = new Dictionary<string, string> { ["com.example.team"] = "ops" },
                Target = "final",
                Hosts = new Dictionary<string, string> { ["db"] = "10.0.0.2", ["api"] = "10.0.0.1" },
                Platforms = ["linux/x86_64"],
            },
            new ExecOp(At("t.#up[1]"), ["sh", "-c", "test \"$CHECK\" = foobar"]),
        ], new CompileOptions { ExecNetwork = NetworkMode.Host });

        var build = services.Builds.Single();
        CollectionAssert.AreEquivalent(
            new Dictionary<string, string>
            {
                ["filename"] = "Dockerfile",
                ["target"] = "final",
                ["build-arg:TEST"] = "bar",
                ["label:com.example.team"] = "ops",
                ["add-hosts"] = "api=10.0.0.1,db=10.0.0.2",
                ["platform"] = "linux/amd64",
                ["force-network-mode"] = "host",
            },
            build.Options.ToDictionary());
        Assert.AreEqual("t.#up[0]", build.Op.Path, "the frontend's vertices are attributed to the op");
        Assert.AreEqual(build.Dockerfile.Marshal().Result, build.Context.Marshal().Result, "without a context, the Dockerfile's folder is the context");
        Assert.AreEqual("FROM dagger-test/busybox\nRUN echo built > /built\n", FileText(CompiledDump.Of(build.Dockerfile), "t.#up[0]", "/Dockerfile"));

        var dump = CompiledDump.Of(pipeline.State);
        var frontendOps = FakeImageServices.FrontendGraph.Marshal().Ops.Take(2).Select(o => o.Digest.Value).ToList();
        var digests = dump.Ops.Select(o => o.GetProperty("digest").GetString()).ToList();
        CollectionAssert.IsSubsetOf(frontendOps, digests, "the frontend's ops keep their digests");
        var exec = dump.ByPath("t.#up[1]").GetProperty("op").GetProperty("exec");
        Assert.AreEqual("/srv", exec.GetProperty("meta").GetProperty("cwd").GetString());
        CollectionAssert.AreEqual(new[] { "PATH=/bin", "CHECK=foobar" }, CompiledDump.Strings(exec.GetProperty("meta").GetProperty("env")));
        Assert.AreEqual(services.BuiltConfig, Encoding.UTF8.GetString(pipeline.ImageConfig!.Value.Span), "the built image's config is carried on");
    }

    [TestMethod]
    public async Task The_context_is_the_context_pipeline_or_else_the_state_so_far_and_holds_the_dockerfile()
    {
        var services = new FakeImageServices();
        var context = await ReadyAsync(services, [new WriteFileOp(At("ctx.#up[0]"), "/Dockerfile", "FROM scratch\n"u8.ToArray(), 0x1A4)]);
        await ReadyAsync(
            services,
            [new DockerBuildOp(At("t.#up[0]"), new PipelineReference("ctx"), null) { DockerfilePath = "build/Dockerfile.custom" }],
            new CompileOptions { NoCache = true },
            new Dictionary<string, CompiledPipeline> { ["ctx"] = context });
        var fromContext = services.Builds.Single();
        Assert.AreEqual(context.State.Marshal().Result, fromContext.Context.Marshal().Result);
        Assert.AreEqual(context.State.Marshal().Result, fromContext.Dockerfile.Marshal().Result);
        Assert.AreEqual("build/Dockerfile.custom", fromContext.Options["filename"]);
        Assert.AreEqual(string.Empty, fromContext.Options["no-cache"]);
        Assert.IsFalse(fromContext.Options.ContainsKey("force-network-mode"), "a sandbox network needs no override");

        var sofar = await ReadyAsync(services, [
            new WriteFileOp(At("u.#up[0]"), "/Dockerfile", "FROM scratch\n"u8.ToArray(), 0x1A4),
            new DockerBuildOp(At("u.#up[1]"), null, null),
        ]);
        Assert.AreEqual(sofar.Steps[0].State.Marshal().Result, services.Builds[1].Context.Marshal().Result);
    }

    [TestMethod]
    public async Task Docker_build_without_context_or_dockerfile_and_for_several_platforms_is_refused()
    {
        var services = new FakeImageServices();
        var nothing = await Assert.ThrowsAsync<OpException>(() => CompileAsync(services, [new DockerBuildOp(At("t.#up[0]"), null, null)]));
        Assert.AreEqual("t.#up[0]: docker-build needs a \"context\" (or ops before it) or an inline \"dockerfile\"", nothing.Message);

        var platforms = await Assert.ThrowsAsync<OpException>(() => CompileAsync(services, [
            new DockerBuildOp(At("t.#up[0]"), null, "FROM scratch") { Platforms = ["linux/amd64", "linux/arm64"] },
        ]));
        StringAssert.Contains(platforms.Message, "several platforms (linux/amd64, linux/arm64)");
        Assert.IsEmpty(services.Builds);
    }

    [TestMethod]
    public async Task Push_sends_the_state_and_its_config_then_writes_digest_and_ref_files()
    {
        var services = new FakeImageServices();
        var pipeline = await ReadyAsync(services, [
            new FetchContainerOp(At("t.#up[0]"), "dagger-test/config"),
            new ExecOp(At("t.#up[1]"), ["touch", "/x"]),
            new PushContainerOp(At("t.#up[2]"), "127.0.0.1:5000/app"),
            new ExportOp(At("t.#up[3]"), "/dagger/image_ref"),
        ]);

        var push = services.Pushes.Single();
        Assert.AreEqual("127.0.0.1:5000/app:latest", push.Reference, "the ref is normalized, with :latest");
        Assert.AreEqual(pipeline.Steps[1].State.Marshal().Result, push.State.Marshal().Result, "the state before the op is pushed");
        Assert.AreEqual(Images.ConfigOf(Config), push.Config);

        var dump = CompiledDump.Of(pipeline.State);
        Assert.AreEqual(FakeImageServices.Digest, FileText(dump, "t.#up[2]", "/dagger/image_digest"));
        Assert.AreEqual("127.0.0.1:5000/app:latest@" + FakeImageServices.Digest, FileText(dump, "t.#up[2]", "/dagger/image_ref"));
        Assert.AreEqual(pipeline.State.Marshal().Result, pipeline.Exports.Single().State.Marshal().Result);
        Assert.AreEqual(Images.ConfigOf(Config), Encoding.UTF8.GetString(pipeline.ImageConfig!.Value.Span), "the config stays for later pushes");
    }

    [TestMethod]
    public async Task Push_to_a_digest_is_refused()
    {
        var services = new FakeImageServices();
        var e = await Assert.ThrowsAsync<OpException>(() => CompileAsync(services, [
            new FetchContainerOp(At("t.#up[0]"), "dagger-test/busybox"),
            new PushContainerOp(At("t.#up[1]"), "127.0.0.1:5000/app@sha256:" + new string('a', 64)),
        ]));
        StringAssert.StartsWith(e.Message, "t.#up[1]: cannot push to \"127.0.0.1:5000/app@sha256:");
        StringAssert.EndsWith(e.Message, "a pushed image is named by a tag, not a digest");
        Assert.IsEmpty(services.Pushes);
    }

    [TestMethod]
    public async Task Save_copies_the_tarball_to_dest_and_writes_the_image_id()
    {
        var services = new FakeImageServices();
        var pipeline = await ReadyAsync(services, [
            new FetchContainerOp(At("t.#up[0]"), "dagger-test/busybox"),
            new SaveImageOp(At("t.#up[1]"), "app:1.0", "/out/app.tar"),
        ]);

        Assert.AreEqual("app:1.0", services.Saves.Single().Tag);
        var actions = CompiledDump.Of(pipeline.State).ByPath("t.#up[1]").GetProperty("op").GetProperty("file").GetProperty("actions").EnumerateArray().ToList();
        var copy = actions[0].GetProperty("copy");
        Assert.AreEqual("/image.tar", copy.GetProperty("src").GetString());
        Assert.AreEqual("/out/app.tar", copy.GetProperty("dest").GetString());
        Assert.AreEqual(FakeImageServices.ImageId, FileText(CompiledDump.Of(pipeline.State), "t.#up[1]", "/dagger/image_id"));

        var relative = await Assert.ThrowsAsync<OpException>(() => CompileAsync(services, [new SaveImageOp(At("u.#up[0]"), "app", "out.tar")]));
        StringAssert.Contains(relative.Message, "\"dest\" must be an absolute path");
    }

    [TestMethod]
    public async Task Login_leaves_the_state_alone_and_passes_the_secret_id_only()
    {
        var services = new FakeImageServices();
        var pipeline = await ReadyAsync(services, [
            new FetchContainerOp(At("t.#up[0]"), "dagger-test/busybox"),
            new DockerLoginOp(At("t.#up[1]"), "https://127.0.0.1:5000/v2/", "ci", "dagger-secret:registry.secret", null),
        ]);
        CollectionAssert.AreEqual(new[] { "https://127.0.0.1:5000/v2/ ci dagger-secret:registry.secret (no password)" }, services.Logins);
        Assert.AreEqual(pipeline.Steps[0].State.Marshal().Result, pipeline.State.Marshal().Result);
        Assert.DoesNotContain("hunter2", new DockerLoginOp(At("x"), "r", "u", null, "hunter2").ToString());
    }

    [TestMethod]
    public async Task A_pipeline_with_an_image_op_waits_for_its_references_before_acting()
    {
        var services = new FakeImageServices();
        var result = await CompileAsync(services, [
            new FetchContainerOp(At("t.#up[0]"), "dagger-test/busybox"),
            new PushContainerOp(At("t.#up[1]"), "127.0.0.1:5000/app"),
            new CopyOp(At("t.#up[2]"), new PipelineReference("later"), "/", "/"),
        ]);
        Assert.AreEqual("later", result.WaitingFor?.Path);
        Assert.IsEmpty(services.Pushes, "nothing is pushed by a compilation that will be done again");
    }

    [TestMethod]
    public async Task Without_an_engine_a_pipeline_with_an_image_op_is_deferred_to_the_run()
    {
        var compiler = new PipelineCompiler(new CompileOptions(), Images);
        var result = await compiler.CompileAsync(
            "t",
            [new FetchContainerOp(At("t.#up[0]"), "dagger-test/busybox"), new PushContainerOp(At("t.#up[1]"), "app")],
            (_, _) => ValueTask.FromResult<CompiledPipeline?>(null),
            CancellationToken.None);
        Assert.IsNull(result.Pipeline);
        Assert.AreEqual("t.#up[1]", result.Effect?.Op.Source.Path, "the compiler says what the run must do");
        Assert.AreEqual("t.#up[1]: push-container acts on the engine, which only a run does", result.Effect?.Reason);
        await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => compiler.PerformAsync(result.Effect!, CancellationToken.None));

        var build = await compiler.CompileAsync("u", [new DockerBuildOp(At("u.#up[0]"), null, "FROM scratch\n")], (_, _) => ValueTask.FromResult<CompiledPipeline?>(null), CancellationToken.None);
        Assert.AreEqual("u.#up[0]: docker-build acts on the engine, which only a run does", build.Deferred);
    }

    [TestMethod]
    public async Task Compiling_acts_on_nothing_and_each_effect_is_performed_once_per_run()
    {
        var services = new FakeImageServices();
        var compiler = new PipelineCompiler(new CompileOptions(), Images, null, services);
        PipelineOp[] ops = [
            new FetchContainerOp(At("t.#up[0]"), "dagger-test/busybox"),
            new DockerLoginOp(At("t.#up[1]"), "127.0.0.1:5000", "ci", "dagger-secret:token", null),
            new PushContainerOp(At("t.#up[2]"), "127.0.0.1:5000/app:1"),
            new SaveImageOp(At("t.#up[3]"), "app:1", "/app.tar"),
        ];
        static ValueTask<CompiledPipeline?> None(PipelineReference reference, CancellationToken token) => ValueTask.FromResult<CompiledPipeline?>(null);

        var kinds = new List<string>();
        CompileResult result;
        while ((result = await compiler.CompileAsync("t", ops, None, CancellationToken.None)).Effect is { } effect)
        {
            Assert.AreEqual(kinds.Count, services.Logins.Count + services.Pushes.Count + services.Saves.Count, "compiling performed nothing");
            kinds.Add(effect.Op.Kind);
            await compiler.PerformAsync(effect, CancellationToken.None);
            await compiler.PerformAsync(effect, CancellationToken.None);
        }

        CollectionAssert.AreEqual(new[] { "docker-login", "push-container", "save-image" }, kinds);
        Assert.IsNotNull(result.Pipeline);
        Assert.HasCount(1, services.Logins);
        Assert.HasCount(1, services.Pushes);
        Assert.HasCount(1, services.Saves);
        Assert.AreEqual(result.Pipeline.Steps[2].State.Marshal().Result, services.Saves.Single().State.Marshal().Result, "the save gets the state after the push");
    }
}
