using System.Text;
using Dagger.Runtime.Llb;
using LlbPb = Dagger.Runtime.Llb.Pb;

namespace Dagger.BuildKit.UnitTests.Llb;

[TestClass]
public sealed class StateMetadataTests
{
    [TestMethod]
    public void Env_keeps_first_set_order_moves_replaced_keys_last_and_unsets()
    {
        State s = State.Scratch.WithEnv("A", "1").WithEnv("B", "2").WithEnv("C", "3").WithEnv("A", "4").WithoutEnv("B").WithoutEnv("missing");
        CollectionAssert.AreEqual(new[] { "C=3", "A=4" }, s.Env.Select(kv => kv.Key + "=" + kv.Value).ToArray());
        Assert.AreEqual("4", s.GetEnv("A"));
        Assert.IsNull(s.GetEnv("B"));
    }

    [TestMethod]
    public void States_are_immutable()
    {
        State a = State.Scratch.WithEnv("A", "1");
        State b = a.WithEnv("A", "2").WithDir("/x");
        Assert.AreEqual("1", a.GetEnv("A"));
        Assert.AreEqual("/", a.Dir);
        Assert.AreEqual("2", b.GetEnv("A"));
    }

    [TestMethod]
    public void Relative_dirs_resolve_against_the_current_dir()
    {
        State s = State.Scratch.WithDir("usr").WithDir("./local/../lib");
        Assert.AreEqual("/usr/lib", s.Dir);
        Assert.AreEqual("/abs/", State.Scratch.WithDir("/abs/").Dir, "absolute dirs are kept verbatim, as BuildKit's client does");
        Assert.AreEqual("/", State.Scratch.WithDir("..").Dir);
    }

    [TestMethod]
    public void Invalid_env_names_are_rejected()
    {
        StringAssert.Contains(Assert.ThrowsExactly<LlbException>(() => State.Scratch.WithEnv("A=B", "x")).Message, "\"A=B\"");
        StringAssert.Contains(Assert.ThrowsExactly<LlbException>(() => State.Scratch.WithEnv("", "x")).Message, "environment variable");
    }

    [TestMethod]
    public void Context_flows_through_execs_to_the_next_exec()
    {
        State first = LlbTestHelpers.Busybox.WithEnv("GOPATH", "/go").WithDir("/src").WithUser("1000:1000").Run("go", "build").Root;
        State second = first.WithEnv("CGO_ENABLED", "0").Run("go", "test").Root;
        LlbPb.Meta meta = second.Def().ResultOp().Op.Exec.Meta;
        CollectionAssert.AreEqual(new[] { "GOPATH=/go", "CGO_ENABLED=0" }, meta.Env.ToArray());
        Assert.AreEqual("/src", meta.Cwd);
        Assert.AreEqual("1000:1000", meta.User);
    }

    [TestMethod]
    public void State_platform_applies_to_execs_and_file_ops_and_op_options_override_it()
    {
        State s = LlbTestHelpers.Busybox.WithPlatform(Platform.Parse("linux/arm/v7"));
        LlbPb.Op exec = s.Run("true").Root.Def().ResultOp().Op;
        Assert.AreEqual("arm", exec.Platform.Architecture);
        Assert.AreEqual("v7", exec.Platform.Variant);

        LlbPb.Op file = s.File(FileAction.Mkdir("/a", 0x1ED)).Def().ResultOp().Op;
        Assert.AreEqual("arm", file.Platform.Architecture);

        LlbPb.Op overridden = s.Run(new ExecOptions { Args = ["true"], Op = new OpOptions { Platform = Platform.LinuxArm64 } }).Root.Def().ResultOp().Op;
        Assert.AreEqual("arm64", overridden.Platform.Architecture);
        Assert.AreEqual("", overridden.Platform.Variant);

        LlbPb.Op image = s.Def().ResultOp().Op;
        Assert.AreEqual("amd64", image.Platform.Architecture, "the state's platform does not change the source it came from");
    }

    [TestMethod]
    public void Image_config_sets_env_dir_and_user()
    {
        byte[] config = Encoding.UTF8.GetBytes("""
            {"architecture":"amd64","config":{"Env":["PATH=/usr/bin:/bin","EMPTY=","NOVALUE"],"WorkingDir":"/srv","User":"www"}}
            """);
        State s = LlbTestHelpers.Busybox.WithEnv("PATH", "/old").WithImageConfig(config);
        CollectionAssert.AreEqual(new[] { "PATH=/usr/bin:/bin", "EMPTY=", "NOVALUE=" }, s.Env.Select(kv => kv.Key + "=" + kv.Value).ToArray());
        Assert.AreEqual("/srv", s.Dir);
        Assert.AreEqual("www", s.User);

        StringAssert.Contains(Assert.ThrowsExactly<LlbException>(() => s.WithImageConfig("{"u8)).Message, "invalid image configuration");
    }
}
