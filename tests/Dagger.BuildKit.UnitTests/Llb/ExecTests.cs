using System.Net;
using Dagger.Runtime.Llb;
using LlbPb = Dagger.Runtime.Llb.Pb;

namespace Dagger.BuildKit.UnitTests.Llb;

[TestClass]
public sealed class ExecTests
{
    [TestMethod]
    public void Exec_meta_comes_from_args_and_the_state_context()
    {
        State root = LlbTestHelpers.Busybox
            .WithEnv("A", "1")
            .WithEnv("PATH", "/bin")
            .WithDir("/work")
            .WithUser("nobody")
            .WithHostname("builder")
            .WithExtraHost("registry", IPAddress.Parse("10.0.0.5"))
            .WithExtraHost("v6", IPAddress.Parse("::ffff:10.0.0.6"))
            .WithNetwork(NetworkMode.None)
            .WithSecurity(SecurityMode.Insecure)
            .Run("sh", "-c", "echo hi")
            .Root;
        LlbOp op = root.Def().ResultOp();
        LlbPb.ExecOp exec = op.Op.Exec;
        CollectionAssert.AreEqual(new[] { "sh", "-c", "echo hi" }, exec.Meta.Args.ToArray());
        CollectionAssert.AreEqual(new[] { "A=1", "PATH=/bin" }, exec.Meta.Env.ToArray());
        Assert.AreEqual("/work", exec.Meta.Cwd);
        Assert.AreEqual("nobody", exec.Meta.User);
        Assert.AreEqual("builder", exec.Meta.Hostname);
        Assert.AreEqual("registry", exec.Meta.ExtraHosts[0].Host);
        Assert.AreEqual("10.0.0.5", exec.Meta.ExtraHosts[0].IP);
        Assert.AreEqual("10.0.0.6", exec.Meta.ExtraHosts[1].IP);
        Assert.AreEqual(LlbPb.NetMode.None, exec.Network);
        Assert.AreEqual(LlbPb.SecurityMode.Insecure, exec.Security);
        Assert.IsTrue(op.Metadata!.Caps.ContainsKey("exec.meta.network"));
        Assert.IsTrue(op.Metadata.Caps.ContainsKey("exec.meta.security"));

        LlbPb.Mount rootMount = exec.Mounts.Single();
        Assert.AreEqual("/", rootMount.Dest);
        Assert.AreEqual(0, rootMount.Input);
        Assert.AreEqual(0, rootMount.Output);
        Assert.AreEqual("source", root.Def().InputOp(op, 0).Kind);
    }

    [TestMethod]
    public void Exec_on_scratch_has_no_input_for_the_root()
    {
        LlbPb.Op op = State.Scratch.Run("/bin/true").Root.Def().ResultOp().Op;
        Assert.AreEqual(0, op.Inputs.Count);
        Assert.AreEqual(-1, op.Exec.Mounts[0].Input);
        Assert.AreEqual(0, op.Exec.Mounts[0].Output);
    }

    [TestMethod]
    public void Mounts_are_sorted_by_target_and_outputs_numbered_in_that_order()
    {
        State src = State.Local("src", new LocalOptions { SessionId = "s" });
        ExecState exec = LlbTestHelpers.Busybox.Run(new ExecOptions
        {
            Args = ["make"],
            Mounts =
            [
                new BindMount("/src", src) { SourcePath = "/app" },
                new CacheMount("/cache", "go-build") { Sharing = CacheSharing.Locked },
                new TmpfsMount("/tmp"),
                new BindMount("/out", State.Scratch),
                new BindMount("/ro", src) { ReadOnly = true },
                new BindMount("/discard", src) { NoOutput = true },
            ],
        });
        LlbDefinition def = exec.Root.Def();
        LlbOp op = def.ResultOp();
        LlbPb.Mount[] mounts = [.. op.Op.Exec.Mounts];
        CollectionAssert.AreEqual(
            new[] { "/", "/cache", "/discard", "/out", "/ro", "/src", "/tmp" },
            mounts.Select(m => m.Dest).ToArray());
        CollectionAssert.AreEqual(new long[] { 0, -1, -1, 1, -1, 2, -1 }, mounts.Select(m => m.Output).ToArray());

        // Inputs: busybox for "/", then src once (shared by /discard, /ro and /src); scratch and cache/tmpfs have none.
        Assert.AreEqual(2, op.Op.Inputs.Count);
        CollectionAssert.AreEqual(new long[] { 0, -1, 1, -1, 1, 1, -1 }, mounts.Select(m => m.Input).ToArray());

        Assert.AreEqual(LlbPb.MountType.Cache, mounts[1].MountType);
        Assert.AreEqual("go-build", mounts[1].CacheOpt.ID);
        Assert.AreEqual(LlbPb.CacheSharingOpt.Locked, mounts[1].CacheOpt.Sharing);
        Assert.AreEqual(LlbPb.MountType.Tmpfs, mounts[6].MountType);
        Assert.IsTrue(mounts[4].Readonly);
        Assert.AreEqual("/app", mounts[5].Selector);
        foreach (string cap in new[] { "exec.mount.bind", "exec.mount.cache", "exec.mount.cache.sharing", "exec.mount.tmpfs", "exec.mount.selector" })
        {
            Assert.IsTrue(op.Metadata!.Caps.ContainsKey(cap), cap);
        }
    }

    [TestMethod]
    public void GetMount_gives_the_output_of_a_writable_bind_mount()
    {
        State src = State.Local("src", new LocalOptions { SessionId = "s" }).WithDir("/app");
        ExecState exec = LlbTestHelpers.Busybox.Run(new ExecOptions
        {
            Args = ["build"],
            Mounts = [new BindMount("/out", State.Scratch), new BindMount("/src", src), new BindMount("/ro", src) { ReadOnly = true }],
        });

        LlbDefinition outDef = exec.GetMount("/out").Def();
        Assert.AreEqual(1, outDef.Ops[^1].Op.Inputs[0].Index, "/out is the second writable mount after /");
        Assert.AreEqual(exec.Root.Def().Result, outDef.Result, "the same exec op");

        State srcAfter = exec.GetMount("/src");
        Assert.AreEqual(2, srcAfter.Def().Ops[^1].Op.Inputs[0].Index);
        Assert.AreEqual("/app", srcAfter.Dir, "a mount's output keeps the mounted state's context");

        Assert.AreSame(src, exec.GetMount("/ro"), "a read-only mount is unchanged");
    }

    [TestMethod]
    public void GetMount_rejects_mounts_without_output()
    {
        ExecState exec = LlbTestHelpers.Busybox.Run(new ExecOptions
        {
            Args = ["x"],
            Mounts = [new CacheMount("/c", "id"), new TmpfsMount("/t")],
        });
        StringAssert.Contains(Assert.ThrowsExactly<LlbException>(() => exec.GetMount("/c")).Message, "\"/c\" is a cache mount");
        StringAssert.Contains(Assert.ThrowsExactly<LlbException>(() => exec.GetMount("/t")).Message, "tmpfs");
        StringAssert.Contains(Assert.ThrowsExactly<LlbException>(() => exec.GetMount("/nope")).Message, "no mount at \"/nope\"");
    }

    [TestMethod]
    public void Read_only_root_makes_the_exec_result_its_input()
    {
        ExecState exec = LlbTestHelpers.Busybox.Run(new ExecOptions
        {
            Args = ["test"],
            ReadOnlyRoot = true,
            Mounts = [new BindMount("/out", State.Scratch)],
        });
        Assert.AreEqual(LlbTestHelpers.Busybox.Def().Result, exec.Root.Def().Result);
        LlbPb.Op op = exec.GetMount("/out").Def().ResultOp().Op;
        Assert.IsTrue(op.Exec.Mounts[0].Readonly);
        Assert.AreEqual(-1, op.Exec.Mounts[0].Output);
        Assert.AreEqual(0, op.Exec.Mounts[1].Output);
    }

    [TestMethod]
    public void Secrets_and_ssh_follow_the_filesystem_mounts()
    {
        State root = LlbTestHelpers.Busybox.Run(new ExecOptions
        {
            Args = ["deploy"],
            Mounts =
            [
                new SshMount(),
                new SecretMount("/run/secrets/token", "token") { Uid = 1, Gid = 2, Mode = 0x124, Optional = true },
                new SshMount("/ssh/agent") { Id = "work" },
            ],
        }).Root;
        LlbOp op = root.Def().ResultOp();
        LlbPb.Mount[] mounts = [.. op.Op.Exec.Mounts];
        Assert.AreEqual(4, mounts.Length);
        Assert.AreEqual(LlbPb.MountType.Secret, mounts[1].MountType);
        Assert.AreEqual("/run/secrets/token", mounts[1].Dest);
        Assert.AreEqual("token", mounts[1].SecretOpt.ID);
        Assert.AreEqual(1u, mounts[1].SecretOpt.Uid);
        Assert.AreEqual(2u, mounts[1].SecretOpt.Gid);
        Assert.AreEqual(0x124u, mounts[1].SecretOpt.Mode);
        Assert.IsTrue(mounts[1].SecretOpt.Optional);
        Assert.AreEqual(0, mounts[1].Input, "BuildKit's client leaves input and output of secret mounts at zero");

        Assert.AreEqual(LlbPb.MountType.Ssh, mounts[2].MountType);
        Assert.AreEqual("/run/buildkit/ssh_agent.0", mounts[2].Dest);
        Assert.AreEqual(0x180u, mounts[2].SSHOpt.Mode);
        Assert.AreEqual("/ssh/agent", mounts[3].Dest);
        Assert.AreEqual("work", mounts[3].SSHOpt.ID);
        CollectionAssert.Contains(op.Op.Exec.Meta.Env.ToArray(), "SSH_AUTH_SOCK=/run/buildkit/ssh_agent.0");
        Assert.IsTrue(op.Metadata!.Caps.ContainsKey("exec.mount.secret"));
        Assert.IsTrue(op.Metadata.Caps.ContainsKey("exec.mount.ssh"));
    }

    [TestMethod]
    public void Proxy_settings_go_to_meta()
    {
        LlbOp op = LlbTestHelpers.Busybox.Run(new ExecOptions
        {
            Args = ["curl", "x"],
            Proxy = new ProxyEnv { HttpProxy = "http://proxy:3128", NoProxy = "localhost" },
        }).Root.Def().ResultOp();
        Assert.AreEqual("http://proxy:3128", op.Op.Exec.Meta.ProxyEnv.HttpProxy);
        Assert.AreEqual("localhost", op.Op.Exec.Meta.ProxyEnv.NoProxy);
        Assert.IsTrue(op.Metadata!.Caps.ContainsKey("exec.meta.proxyenv"));
    }

    [TestMethod]
    public void Invalid_execs_are_rejected_with_clear_messages()
    {
        State s = LlbTestHelpers.Busybox;
        StringAssert.Contains(Assert.ThrowsExactly<LlbException>(() => s.Run()).Message, "must not be empty");
        StringAssert.Contains(
            Assert.ThrowsExactly<LlbException>(() => s.Run(new ExecOptions { Args = ["x"], Mounts = [new TmpfsMount("tmp")] })).Message,
            "mount target \"tmp\" must be an absolute path");
        StringAssert.Contains(
            Assert.ThrowsExactly<LlbException>(() => s.Run(new ExecOptions { Args = ["x"], Mounts = [new TmpfsMount("/a"), new CacheMount("/a/", "c")] })).Message,
            "two mounts at \"/a/\"");
        StringAssert.Contains(
            Assert.ThrowsExactly<LlbException>(() => s.Run(new ExecOptions { Args = ["x"], Mounts = [new BindMount("/", State.Scratch)] })).Message,
            "the root filesystem");
        StringAssert.Contains(
            Assert.ThrowsExactly<LlbException>(() => s.Run(new ExecOptions { Args = ["x"], Mounts = [new CacheMount("/c", "")] })).Message,
            "cache mount at \"/c\" needs a non-empty id");
        StringAssert.Contains(
            Assert.ThrowsExactly<LlbException>(() => s.Run(new ExecOptions { Args = ["x"], Mounts = [new SecretMount("/s", "")] })).Message,
            "secret mount at \"/s\"");
        StringAssert.Contains(
            Assert.ThrowsExactly<LlbException>(() => s.Run("", "x")).Message,
            "the command name (first arg) must not be empty");
        StringAssert.Contains(
            Assert.ThrowsExactly<LlbException>(() => s.Run(new ExecOptions { Args = ["x"], Mounts = [new SecretMount("/s", "id") { Mode = 0x10000 }] })).Message,
            "secret mount at \"/s\": mode 0200000 is not a valid permission");
        StringAssert.Contains(
            Assert.ThrowsExactly<LlbException>(() => s.Run(new ExecOptions { Args = ["x"], Mounts = [new SshMount { Uid = -1 }] })).Message,
            "ssh mount at \"/run/buildkit/ssh_agent.0\": uid -1 must not be negative");
    }

    [TestMethod]
    public void Errors_name_the_op_by_its_custom_name()
    {
        LlbException e = Assert.ThrowsExactly<LlbException>(() => LlbTestHelpers.Busybox.Run(new ExecOptions
        {
            Args = ["make", "all"],
            Mounts = [new TmpfsMount("relative")],
            Op = new OpOptions { CustomName = "plan.build.#up[0]" },
        }));
        Assert.AreEqual("plan.build.#up[0]: exec \"make all\": mount target \"relative\" must be an absolute path", e.Message);

        LlbException empty = Assert.ThrowsExactly<LlbException>(() => LlbTestHelpers.Busybox.Run(new ExecOptions
        {
            Args = [],
            Op = new OpOptions { CustomName = "plan.x" },
        }));
        Assert.AreEqual("plan.x: exec: the command (args) must not be empty", empty.Message);
    }
}
