using Dagger.Runtime.Llb;
using Google.Protobuf;
using LlbPb = Dagger.Runtime.Llb.Pb;

namespace Dagger.BuildKit.UnitTests.Llb;

/// <summary>
/// Digests of graphs built the same way with BuildKit's own Go client (client/llb at the commit Docker 20.10 vendors,
/// marshalled for linux/amd64). They were computed once by running that client and are asserted forever: a change here
/// means our ops no longer hit the same BuildKit cache entries.
/// </summary>
[TestClass]
public sealed class GoldenDigestTests
{
    private static readonly MarshalOptions Amd64 = new() { Platform = Platform.LinuxAmd64 };

    private static State Alpine => State.Image("alpine");

    private static void AssertDigests(State state, params string[] goDigests)
    {
        LlbDefinition def = state.Marshal(Amd64);
        CollectionAssert.AreEquivalent(goDigests, def.Ops.Select(o => o.Digest.Value).ToArray());
        Assert.AreEqual(goDigests[^1], def.Ops[^1].Digest.Value, "the result pointer is last");
    }

    [TestMethod]
    public void Image_matches_go_client_byte_for_byte()
    {
        LlbDefinition def = State.Image("busybox").Marshal(Amd64);
        Assert.AreEqual(
            "1a310a2f646f636b65722d696d6167653a2f2f646f636b65722e696f2f6c6962726172792f62757379626f783a6c6174657374520e0a05616d64363412056c696e75785a00",
            Convert.ToHexStringLower(def.Ops[0].Bytes.Span));
        Assert.AreEqual(
            "0a490a477368613235363a30386130336633666665356662613432316136343033633331653135333432356365643633316431303838363866333065303439383566393964363933323665",
            Convert.ToHexStringLower(def.Ops[1].Bytes.Span));
        AssertDigests(
            State.Image("busybox"),
            "sha256:08a03f3ffe5fba421a6403c31e153425ced631d108868f30e04985f99d69326e",
            "sha256:371f2d730039d0945bd4f904dd53399ef581413f96ce9e5360f3bbf39da51b4f");
    }

    private static ExecState GoldenExec() =>
        State.Image("busybox")
            .WithEnv("A", "1").WithEnv("B", "2").WithEnv("A", "3")
            .WithDir("/work").WithDir("sub").WithUser("nobody")
            .WithNetwork(NetworkMode.None)
            .Run(new ExecOptions
            {
                Args = ["sh", "-c", "echo hi > /out/x"],
                Mounts =
                [
                    new SecretMount("/run/secrets/token", "token"),
                    new BindMount("/src", Alpine) { SourcePath = "/etc", ReadOnly = true },
                    new TmpfsMount("/tmp"),
                    new CacheMount("/cache", "c1") { Sharing = CacheSharing.Locked },
                    new BindMount("/out", State.Scratch),
                ],
            });

    [TestMethod]
    public void Exec_with_every_mount_kind_matches_go_client()
    {
        const string busybox = "sha256:08a03f3ffe5fba421a6403c31e153425ced631d108868f30e04985f99d69326e";
        const string alpine = "sha256:665ba8b2cdc0cb0200e2a42a6b3c0f8f684089f4cd1b81494fbb9805879120f7";
        const string exec = "sha256:2f333cc7447ab06b8576f7c9a12c250a5d8daccc06a801222903a93c31fba767";
        AssertDigests(GoldenExec().GetMount("/out"), busybox, alpine, exec, "sha256:11cf3ed5b0153bcce1ac5d40ed4da45c10add3976fb690bc595141b4cce326cd");
        AssertDigests(GoldenExec().Root, busybox, alpine, exec, "sha256:1b1d00bbde897ef96f7f642fc5f001814a2815001ceb9b031708d579bfe47088");
    }

    [TestMethod]
    public void Chained_file_actions_match_go_client()
    {
        State state = State.Scratch.WithDir("/w").File(
            FileAction.Mkdir("a", 0x1ED, new MkdirOptions { MakeParents = true })
                .ThenMkfile("a/f", 0x1A4, "hi"u8)
                .ThenCopy(Alpine.WithDir("/etc"), "os-release", "a/", new CopyOptions
                {
                    CreateDestPath = true,
                    AllowWildcard = true,
                    Owner = FileOwner.Parse("app:staff"),
                })
                .ThenRm("a/f", new RmOptions { AllowNotFound = true }));
        AssertDigests(
            state,
            "sha256:665ba8b2cdc0cb0200e2a42a6b3c0f8f684089f4cd1b81494fbb9805879120f7",
            "sha256:f9c94ec25a779a287f867e793a4b9de76b9332a8b3143fc421349b4986accc50",
            "sha256:f96176a40c4aba12583ebce8e2d06d8971225204d381091eadf884bcde28aa8f");
    }

    [TestMethod]
    public void Git_sources_match_go_client()
    {
        AssertDigests(
            State.Git("https://github.com/dagger/dagger.git", "main", new GitOptions { KeepGitDir = true }),
            "sha256:17c4c2b3bc7e3d9763177542544cd83fc1f0e6f6681864bb38b76c52747cbb33",
            "sha256:df7175ac4cfb7eecf2f10b0fac21749eb021848f1b81b8394455fc670ed4764b");
        AssertDigests(
            State.Git("github.com/dagger/dagger"),
            "sha256:bcdd0873da2bf40ab1ac3fa4787da5941b50af7a6bc2d6ab387fc4d97e8797cf",
            "sha256:c4290806fc0cd69a0d91265d726421ad56e315ecad39219daf6ebb00193dadb8");
        AssertDigests(
            State.Git("git@github.com:dagger/dagger.git", "v1", new GitOptions { KnownSshHosts = "github.com ssh-ed25519 AAAA" }),
            "sha256:1288a94a1e1bfda97a00b5aee5886e8128af828af0e83b6526bf7dc92e5060e6",
            "sha256:423c8b2448b7f6c3e0e74376dba77bc282c4d8f2524951e31fc168d27a4308b6");
    }

    [TestMethod]
    public void Http_source_matches_go_client()
    {
        AssertDigests(
            State.Http("https://example.com/f.tgz", new HttpOptions
            {
                Checksum = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                Filename = "f.tgz",
                Permissions = 0x1ED,
                Uid = 1000,
                Gid = 1001,
            }),
            "sha256:dd4b8c9568a934e68d0f6fae2bb605d86f6b8b91a4bc405b23d9abf67bee2605",
            "sha256:3a72b9195157828894ee16c863ce54dbe9ea6020b025a2c08c6f1d38b9e901b0");
    }

    [TestMethod]
    public void Local_source_matches_go_client()
    {
        AssertDigests(
            State.Local("ctx", new LocalOptions
            {
                SessionId = "s1",
                IncludePatterns = ["src/**", "a<b"],
                ExcludePatterns = ["bin"],
                SharedKeyHint = "h",
            }),
            "sha256:f55dc1073a8e0f0c5d0118f79ea40b592397421f7fabf7ff13d344758f3ce77e",
            "sha256:b7cdd348f0cd4634d24320be822b3ab48fada1f9f50c01d04093749142e6688a");
    }

    [TestMethod]
    public void Exec_on_a_foreign_platform_image_with_custom_name_matches_go_client()
    {
        State state = State.Image("busybox:1.36", new ImageOptions { Op = new OpOptions { Platform = Platform.LinuxArm64 } })
            .Run(new ExecOptions { Args = ["true"], Op = new OpOptions { CustomName = "a/b", IgnoreCache = true } })
            .Root;
        AssertDigests(
            state,
            "sha256:8e9fde62c883ffba90b7777240800a82bc9b8db9e827c5211481bb9b8b91fd72",
            "sha256:157b610091689915b9fe7f9f50667a8ebf51b3a7b0995365003338eb4d72cba5",
            "sha256:fd0cf4152c8b4cb278f0b70c6bd7f753ebc974bde912248fb5784d41f203c1a8");

        LlbDefinition def = state.Marshal(Amd64);
        LlbOp exec = def[new Digest("sha256:157b610091689915b9fe7f9f50667a8ebf51b3a7b0995365003338eb4d72cba5")];
        Assert.AreEqual("a/b", exec.CustomName);
        Assert.IsTrue(exec.Metadata!.IgnoreCache);
        Assert.IsTrue(def.Ops[^1].Metadata!.Caps.ContainsKey("meta.ignorecache"));
        Assert.IsTrue(def.Ops[^1].Metadata!.Caps.ContainsKey("meta.description"));
    }

    [TestMethod]
    public void Copy_from_a_bound_chain_matches_go_client()
    {
        State state = State.Image("busybox").File(FileAction.Copy(
            FileAction.Mkdir("/out", 0x1ED).ThenMkfile("/out/x", 0x1A4, "1"u8).WithState(State.Scratch), "/out", "/dest"));
        AssertDigests(
            state,
            "sha256:08a03f3ffe5fba421a6403c31e153425ced631d108868f30e04985f99d69326e",
            "sha256:af6400ebdf045a5d60c67d42a307c76899f1c8532e906c76d0e55965116dbc3d",
            "sha256:4b453e18afcb7d89638044d934bc45a0bee26f4b1704852aa92b5dbeccc83457");
    }

    [TestMethod]
    public void Exec_with_ssh_proxy_hosts_and_read_only_root_matches_go_client()
    {
        State state = State.Image("busybox")
            .WithExtraHost("reg", System.Net.IPAddress.Parse("10.0.0.5"))
            .WithHostname("h")
            .WithSecurity(SecurityMode.Insecure)
            .Run(new ExecOptions
            {
                Args = ["ssh", "x"],
                ReadOnlyRoot = true,
                Proxy = new ProxyEnv { HttpProxy = "http://p:3128", NoProxy = "localhost" },
                Mounts =
                [
                    new SshMount(),
                    new SshMount("/ssh/agent") { Id = "work" },
                    new CacheMount("/c", "c2") { Sharing = CacheSharing.Private },
                    new BindMount("/nooutput", Alpine) { NoOutput = true },
                    new BindMount("/sel", Alpine) { SourcePath = "/etc" },
                ],
            })
            .GetMount("/sel");
        AssertDigests(
            state,
            "sha256:665ba8b2cdc0cb0200e2a42a6b3c0f8f684089f4cd1b81494fbb9805879120f7",
            "sha256:08a03f3ffe5fba421a6403c31e153425ced631d108868f30e04985f99d69326e",
            "sha256:66a7e40c874866064e3fba6331f5396e382d771bf4cde6d510a8fef7e80eac4b",
            "sha256:09afad7da1ae49f40cb41ca43023f720869d86988001e2055d0c443938b5c6a3");
    }

    [TestMethod]
    public void File_actions_with_owners_times_and_copy_flags_match_go_client()
    {
        DateTimeOffset time = DateTimeOffset.FromUnixTimeSeconds(1600000000).AddTicks(5);
        State local = State.Local("ctx", new LocalOptions { SessionId = "s", FollowPaths = ["a", "b"] });
        State state = Alpine.WithDir("/app").File(
            FileAction.Mkfile("conf", 0x180, "x"u8, new MkfileOptions { Owner = FileOwner.Parse("app"), CreatedTime = time })
                .ThenCopy(local, "src/", "./dst/", new CopyOptions
                {
                    Mode = 0x1ED,
                    FollowSymlinks = true,
                    CopyDirContentsOnly = true,
                    AttemptUnpack = true,
                    AllowEmptyWildcard = true,
                    CreatedTime = time,
                })
                .ThenMkdir("/x/y", 0x1C0, new MkdirOptions { MakeParents = true, Owner = FileOwner.Ids(1, 2) })
                .ThenRm("*.tmp", new RmOptions { AllowWildcard = true }));
        AssertDigests(
            state,
            "sha256:665ba8b2cdc0cb0200e2a42a6b3c0f8f684089f4cd1b81494fbb9805879120f7",
            "sha256:6d53d87fdbfc8edbbe0964c8e54d222c35f439016b59585565d8f2d227759f0f",
            "sha256:4596d8db3ec6380c37690bd5dfc3192702f8d5ca9f9af7a464938146f8766d04",
            "sha256:91021612f4f3ac5ef370b779cf6f7f94dc11b5ea9a30f1c614760dfd49ce8501");
    }

    [TestMethod]
    public void Plain_sources_and_scratch_exec_match_go_client()
    {
        AssertDigests(
            State.Image("alpine@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            "sha256:3afd3d8f90a9db9404b015589baf027f4e00cd33dc79af52d285e0c80f284cde",
            "sha256:48c79e883b592c36072f13185694f009f669da6e8fed1f69400e048c01d55358");
        AssertDigests(
            State.Image("localhost:5000/x/y:1", new ImageOptions { ResolveMode = ImageResolveMode.PreferLocal }),
            "sha256:0764a253f1889be3fe7fd628a8e42cfaaacf3c6fc691385b3150acdf3adeb7df",
            "sha256:42f58bb6bd4c97853fc036cfec2b13a471a74be46eb36ac6f9154afb7a97de52");
        AssertDigests(
            State.Scratch.Run("/bin/true").Root,
            "sha256:1e5adb5173652a6abedab987e9950b6c0fecedb5391ad7530ac78d883539c544",
            "sha256:ea89680022551b701244ab02b5a3406658e32d2a40cd17a519f600f38fd7c2ed");
        AssertDigests(
            State.Http("http://example.com/x"),
            "sha256:a1eeee568e232e6eb656b3312c14f11b26c56f0f53bc81609664e875a0a7cec3",
            "sha256:90f55dd534fd84117e24395715c605174a391b4cb04504f410259f76a1423495");
        AssertDigests(
            State.Local("ctx", new LocalOptions { SessionId = "s" }),
            "sha256:0d506ed677da002870fdf48c22837a3e4994b09da82469ed08c81dac79e6cbaf",
            "sha256:3048a25112df1148a71593ff0df811855af3964035505155da1d2b457745b76f");
    }

    [TestMethod]
    public void Every_op_survives_an_independent_decode_and_rehash()
    {
        // Independent of our writer: Google.Protobuf's parser reads the bytes, its writer re-serializes the parsed
        // message, and SHA-256 is recomputed with a separate API.
        foreach (State state in new[] { GoldenExec().GetMount("/out"), GoldenExec().Root, State.Git("git@h:x/y", "v") })
        {
            LlbDefinition def = state.Marshal(Amd64);
            byte[] wire = def.ToProto().ToByteArray();
            LlbPb.Definition decoded = LlbPb.Definition.Parser.ParseFrom(wire);
            Assert.AreEqual(def.Ops.Count, decoded.Def.Count);
            foreach (ByteString entry in decoded.Def)
            {
                byte[] reencoded = LlbPb.Op.Parser.ParseFrom(entry).ToByteArray();
                CollectionAssert.AreEqual(entry.ToByteArray(), reencoded);
                string digest = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(reencoded));
                Assert.IsTrue(decoded.Metadata.ContainsKey(digest), $"metadata is keyed by the digest {digest}");
            }
        }
    }
}
