using Dagger.Runtime.Llb;
using Google.Protobuf;
using LlbPb = Dagger.Runtime.Llb.Pb;

namespace Dagger.BuildKit.UnitTests.Llb;

[TestClass]
public sealed class MarshalTests
{
    private static State Build(bool reversed)
    {
        State src = State.Local("src", new LocalOptions { SessionId = "s", ExcludePatterns = ["bin"], IncludePatterns = ["**/*.cs"] });
        ExecMount[] mounts =
        [
            new BindMount("/src", src) { ReadOnly = true },
            new CacheMount("/root/.nuget", "nuget"),
            new BindMount("/out", State.Scratch),
            new SecretMount("/run/secrets/key", "key"),
        ];
        if (reversed)
        {
            // Filesystem mounts are ordered by target whatever the given order; secrets keep their relative order.
            mounts = [mounts[2], mounts[1], mounts[3], mounts[0]];
        }

        ExecState build = LlbTestHelpers.Busybox.WithDir("/src").Run(new ExecOptions
        {
            Args = ["dotnet", "build"],
            Mounts = mounts,
            Op = new OpOptions
            {
                CustomName = "plan.build",
                Description = reversed
                    ? new Dictionary<string, string> { ["z"] = "1", ["a"] = "2" }
                    : new Dictionary<string, string> { ["a"] = "2", ["z"] = "1" },
            },
        });
        return State.Scratch.File(FileAction.Copy(build.GetMount("/out"), "/", "/app/", new CopyOptions { CopyDirContentsOnly = true }));
    }

    private static byte[] Wire(State state) => state.Def().ToProto().ToByteArray();

    [TestMethod]
    public void Marshalling_is_byte_identical_across_runs()
    {
        CollectionAssert.AreEqual(Wire(Build(false)), Wire(Build(false)));
        State one = Build(false);
        CollectionAssert.AreEqual(Wire(one), Wire(one), "marshalling the same state twice");
    }

    [TestMethod]
    public async Task Concurrent_marshals_of_one_state_agree()
    {
        State state = Build(false);
        byte[] expected = Wire(state);
        byte[][] results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => Wire(state))));
        foreach (byte[] result in results)
        {
            CollectionAssert.AreEqual(expected, result);
        }
    }

    [TestMethod]
    public void Construction_order_does_not_change_the_bytes()
    {
        CollectionAssert.AreEqual(Wire(Build(false)), Wire(Build(true)));
    }

    [TestMethod]
    public void The_last_entry_points_at_the_result_and_has_no_op()
    {
        LlbDefinition def = Build(false).Def();
        LlbOp last = def.Ops[^1];
        Assert.AreEqual("result", last.Kind);
        Assert.AreEqual(LlbPb.Op.OpOneofCase.None, last.Op.OpCase);
        Assert.IsNull(last.Op.Platform);
        Assert.AreEqual(1, last.Op.Inputs.Count);
        Assert.AreEqual(def.Result!.Value.Value, last.Op.Inputs[0].Digest);
        Assert.AreEqual("file", def.ResultOp().Kind);
        Assert.IsTrue(last.Metadata!.Caps.ContainsKey("constraints"));
        Assert.IsTrue(last.Metadata.Caps.ContainsKey("platform"));
        Assert.IsTrue(last.Metadata.Caps.ContainsKey("meta.description"));
    }

    [TestMethod]
    public void Inputs_precede_their_users_and_every_op_is_listed_once()
    {
        LlbDefinition def = Build(false).Def();
        var seen = new HashSet<string>();
        foreach (LlbOp op in def.Ops)
        {
            foreach (LlbPb.Input input in op.Op.Inputs)
            {
                Assert.Contains(input.Digest, seen, $"{op.Kind} {op.Digest} uses {input.Digest} before it is defined");
            }

            Assert.IsTrue(seen.Add(op.Digest.Value), "no duplicate entries");
        }

        Assert.AreEqual(5, def.Ops.Count, "busybox, local, exec, file, result");
    }

    [TestMethod]
    public void Metadata_is_keyed_by_digest_and_carries_names_and_descriptions()
    {
        LlbDefinition def = Build(false).Def();
        LlbPb.Definition proto = def.ToProto();
        CollectionAssert.AreEquivalent(def.Ops.Select(o => o.Digest.Value).ToArray(), proto.Metadata.Keys.ToArray());
        CollectionAssert.AreEqual(proto.Metadata.Keys.Order(StringComparer.Ordinal).ToArray(), proto.Metadata.Keys.ToArray(), "keys are inserted sorted");

        LlbOp exec = def.Ops.Single(o => o.Kind == "exec");
        Assert.AreEqual("plan.build", exec.CustomName);
        CollectionAssert.AreEqual(new[] { "a", "llb.customname", "z" }, exec.Metadata!.Description.Keys.ToArray());
    }

    [TestMethod]
    public void Shared_subgraphs_are_marshalled_once()
    {
        State baseImage = LlbTestHelpers.Busybox.Run("apk", "add", "git").Root;
        State left = baseImage.Run("make", "left").Root;
        State right = baseImage.Run("make", "right").Root;
        State joined = left.File(FileAction.Copy(right, "/out", "/right"));
        LlbDefinition def = joined.Def();
        Assert.AreEqual(1, def.Ops.Count(o => o.Kind == "source"));
        Assert.AreEqual(1, def.Ops.Count(o => o.Kind == "exec" && o.Op.Exec.Meta.Args[0] == "apk"));
        Assert.AreEqual(6, def.Ops.Count, "busybox, apk, left, right, copy, result");
    }

    [TestMethod]
    public void Equal_ops_built_separately_collapse_to_one_entry_with_merged_metadata()
    {
        State a = State.Image("busybox", new ImageOptions { Op = new OpOptions { CustomName = "first" } });
        State b = State.Image("docker.io/library/busybox:latest", new ImageOptions { Op = new OpOptions { IgnoreCache = true } });
        LlbDefinition def = a.File(FileAction.Copy(b, "/bin", "/bin")).Def();
        LlbOp[] sources = [.. def.Ops.Where(o => o.Kind == "source")];
        Assert.AreEqual(1, sources.Length);
        Assert.AreEqual("first", sources[0].CustomName);
        Assert.IsTrue(sources[0].Metadata!.IgnoreCache);
        LlbPb.FileAction copy = def.ResultOp().Op.File.Actions[0];
        Assert.AreEqual(0, copy.Input);
        Assert.AreEqual(0, copy.SecondaryInput, "the same input is referenced twice");
    }

    [TestMethod]
    public void Metadata_does_not_change_op_digests()
    {
        State plain = LlbTestHelpers.Busybox.Run("true").Root;
        State named = LlbTestHelpers.Busybox.Run(new ExecOptions
        {
            Args = ["true"],
            Op = new OpOptions { CustomName = "x", IgnoreCache = true, ExportCache = false },
        }).Root;
        Assert.AreEqual(plain.Def().Result, named.Def().Result);
        LlbPb.OpMetadata md = named.Def().ResultOp().Metadata!;
        Assert.IsFalse(md.ExportCache.Value);
        Assert.IsTrue(md.IgnoreCache);
    }

    [TestMethod]
    public void Source_locations_go_to_the_source_map_not_the_digest()
    {
        var file = new SourceFile("plan/main.cue", "package main\n"u8.ToArray());
        State plain = LlbTestHelpers.Busybox.Run("make").Root;
        State located = LlbTestHelpers.Busybox.Run(new ExecOptions
        {
            Args = ["make"],
            Op = new OpOptions { SourceLocations = [new SourceLocation(file, 12, 3, 14, 5)] },
        }).Root.File(FileAction.Rm("/x"), new OpOptions { SourceLocations = [new SourceLocation(file, 20, 1)] });
        LlbDefinition def = located.Def();
        Assert.AreEqual(plain.Def().Result, def.InputOp(def.ResultOp(), 0).Digest, "locations are not part of the digest");

        LlbPb.Source source = def.ToProto().Source;
        Assert.AreEqual(1, source.Infos.Count, "one entry per file");
        Assert.AreEqual("plan/main.cue", source.Infos[0].Filename);
        Assert.AreEqual("package main\n", source.Infos[0].Data.ToStringUtf8());
        CollectionAssert.AreEqual(new[] { "plan/main.cue:12:3-14:5" }, def.LocationsOf(plain.Def().Result!.Value).ToArray());
        CollectionAssert.AreEqual(new[] { "plan/main.cue:20:1" }, def.LocationsOf(def.Result!.Value).ToArray());
        StringAssert.Contains(def.ToJson(), "\"plan/main.cue:12:3-14:5\"");
        Assert.IsNull(plain.Def().ToProto().Source, "no source map without locations");
    }

    [TestMethod]
    public void Worker_constraints_are_written_to_the_op()
    {
        LlbPb.Op op = LlbTestHelpers.Busybox.Run(new ExecOptions
        {
            Args = ["true"],
            Op = new OpOptions { WorkerConstraints = ["labels.gpu==true"] },
        }).Root.Def().ResultOp().Op;
        CollectionAssert.AreEqual(new[] { "labels.gpu==true" }, op.Constraints.Filter.ToArray());
    }

    [TestMethod]
    public async Task Long_chains_marshal_without_exhausting_the_stack()
    {
        int count = await Task.Run(() =>
        {
            State s = LlbTestHelpers.Busybox;
            for (int i = 0; i < 20000; i++)
            {
                s = i % 2 == 0
                    ? s.Run("echo", i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Root
                    : s.File(FileAction.Mkdir("/d" + i, 0x1ED));
            }

            return s.Def().Ops.Count;
        });
        Assert.AreEqual(20002, count, "20000 ops, the image and the result pointer");
    }

    [TestMethod]
    public void Scratch_marshals_to_an_empty_definition()
    {
        LlbDefinition def = State.Scratch.WithEnv("A", "1").Def();
        Assert.AreEqual(0, def.Ops.Count);
        Assert.IsNull(def.Result);
        Assert.AreEqual(0, def.ToProto().CalculateSize());
    }

    [TestMethod]
    public void A_definition_read_back_from_bytes_is_the_same()
    {
        LlbDefinition def = Build(false).Def();
        LlbDefinition read = LlbDefinition.FromProto(LlbPb.Definition.Parser.ParseFrom(def.ToProto().ToByteArray()));
        Assert.AreEqual(def.Result, read.Result);
        CollectionAssert.AreEqual(def.Ops.Select(o => o.Digest).ToArray(), read.Ops.Select(o => o.Digest).ToArray());
        Assert.AreEqual(def.ToJson(), read.ToJson());
    }

    [TestMethod]
    public void A_corrupt_entry_is_reported_with_its_position()
    {
        var proto = new LlbPb.Definition();
        proto.Def.Add(ByteString.CopyFrom(0x0a, 0xff));
        LlbException e = Assert.ThrowsExactly<LlbException>(() => LlbDefinition.FromProto(proto));
        StringAssert.Contains(e.Message, "definition entry 0");
    }
}
