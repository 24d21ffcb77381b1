using Dagger.Runtime.Llb;
using LlbPb = Dagger.Runtime.Llb.Pb;

namespace Dagger.BuildKit.UnitTests.Llb;

[TestClass]
public sealed class FileOpTests
{
    [TestMethod]
    public void Mkdir_resolves_relative_paths_against_the_state_dir()
    {
        LlbOp op = LlbTestHelpers.Busybox.WithDir("/app")
            .File(FileAction.Mkdir("data/../cache", 0x1ED, new MkdirOptions { MakeParents = true, Owner = FileOwner.Ids(1000, 1000) }))
            .Def().ResultOp();
        LlbPb.FileAction action = op.Op.File.Actions.Single();
        Assert.AreEqual(0, action.Input);
        Assert.AreEqual(-1, action.SecondaryInput);
        Assert.AreEqual(0, action.Output);
        Assert.AreEqual("/app/cache", action.Mkdir.Path);
        Assert.AreEqual(0x1ED, action.Mkdir.Mode);
        Assert.IsTrue(action.Mkdir.MakeParents);
        Assert.AreEqual(1000u, action.Mkdir.Owner.User.ByID);
        Assert.AreEqual(1000u, action.Mkdir.Owner.Group.ByID);
        Assert.AreEqual(-1, action.Mkdir.Timestamp);
        Assert.IsTrue(op.Metadata!.Caps.ContainsKey("file.base"));
    }

    [TestMethod]
    public void Mkfile_keeps_data_and_masks_the_mode()
    {
        var created = new DateTimeOffset(2021, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(7);
        LlbPb.FileAction action = State.Scratch
            .File(FileAction.Mkfile("/etc/motd", 0xDA4, "hello\n"u8, new MkfileOptions { CreatedTime = created }))
            .Def().ResultOp().Op.File.Actions.Single();
        Assert.AreEqual(-1, action.Input, "scratch has no input");
        Assert.AreEqual("/etc/motd", action.Mkfile.Path);
        Assert.AreEqual(0x1A4, action.Mkfile.Mode);
        Assert.AreEqual("hello\n", action.Mkfile.Data.ToStringUtf8());
        Assert.AreEqual(1609556645000000700L, action.Mkfile.Timestamp);
    }

    [TestMethod]
    public void Rm_carries_its_flags()
    {
        LlbPb.FileAction action = LlbTestHelpers.Busybox
            .File(FileAction.Rm("/tmp/*", new RmOptions { AllowNotFound = true, AllowWildcard = true }))
            .Def().ResultOp().Op.File.Actions.Single();
        Assert.AreEqual("/tmp/*", action.Rm.Path);
        Assert.IsTrue(action.Rm.AllowNotFound);
        Assert.IsTrue(action.Rm.AllowWildcard);
    }

    [TestMethod]
    public void Copy_reads_from_a_second_input_with_its_own_dir()
    {
        State source = State.Local("ctx", new LocalOptions { SessionId = "s" }).WithDir("/src");
        LlbDefinition def = LlbTestHelpers.Busybox.WithDir("/app")
            .File(FileAction.Copy(source, "bin/", "out/", new CopyOptions
            {
                CreateDestPath = true,
                AllowWildcard = true,
                AllowEmptyWildcard = true,
                FollowSymlinks = true,
                CopyDirContentsOnly = true,
                Owner = FileOwner.Parse("app:staff"),
                Mode = 0x1ED,
            }))
            .Def();
        LlbOp op = def.ResultOp();
        LlbPb.FileAction action = op.Op.File.Actions.Single();
        Assert.AreEqual(0, action.Input);
        Assert.AreEqual(1, action.SecondaryInput);
        Assert.AreEqual("docker-image://docker.io/library/busybox:latest", def.InputOp(op, 0).Op.Source.Identifier);
        Assert.AreEqual("local://ctx", def.InputOp(op, 1).Op.Source.Identifier);
        LlbPb.FileActionCopy copy = action.Copy;
        Assert.AreEqual("/src/bin", copy.Src);
        Assert.AreEqual("/app/out/", copy.Dest, "a trailing slash on the destination is kept");
        Assert.IsTrue(copy.CreateDestPath && copy.AllowWildcard && copy.AllowEmptyWildcard && copy.FollowSymlink && copy.DirCopyContents);
        Assert.IsFalse(copy.AttemptUnpackDockerCompatibility);
        Assert.AreEqual(0x1ED, copy.Mode);
        Assert.AreEqual("app", copy.Owner.User.ByName.Name);
        Assert.AreEqual(0, copy.Owner.User.ByName.Input, "names are looked up in the destination's /etc/passwd");
        Assert.AreEqual("staff", copy.Owner.Group.ByName.Name);
        Assert.AreEqual(-1, copy.Timestamp);
    }

    [TestMethod]
    public void Copy_without_mode_writes_minus_one_and_keeps_dot_suffix()
    {
        LlbPb.FileActionCopy copy = State.Scratch
            .File(FileAction.Copy(LlbTestHelpers.Busybox, "/bin/busybox", "/dir/."))
            .Def().ResultOp().Op.File.Actions.Single().Copy;
        Assert.AreEqual(-1, copy.Mode);
        Assert.AreEqual("/dir/.", copy.Dest);
        Assert.AreEqual("/bin/busybox", copy.Src);
    }

    [TestMethod]
    public void Chained_actions_form_one_op_whose_later_actions_read_earlier_results()
    {
        State other = State.Image("alpine");
        LlbOp op = LlbTestHelpers.Busybox.WithDir("/w")
            .File(FileAction.Mkdir("a", 0x1ED)
                .ThenMkfile("a/f", 0x1A4, "x"u8)
                .ThenCopy(other, "/etc/os-release", "a/")
                .ThenRm("a/f"))
            .Def().ResultOp();
        LlbPb.FileAction[] actions = [.. op.Op.File.Actions];
        Assert.AreEqual(2, op.Op.Inputs.Count);
        Assert.AreEqual(4, actions.Length);
        CollectionAssert.AreEqual(new long[] { 0, 2, 3, 4 }, actions.Select(a => a.Input).ToArray(), "input count + earlier action index");
        CollectionAssert.AreEqual(new long[] { -1, -1, 1, -1 }, actions.Select(a => a.SecondaryInput).ToArray());
        CollectionAssert.AreEqual(new long[] { -1, -1, -1, 0 }, actions.Select(a => a.Output).ToArray());
        Assert.AreEqual("/w/a", actions[0].Mkdir.Path);
        Assert.AreEqual("/w/a/f", actions[1].Mkfile.Path);
        Assert.AreEqual("/w/a/", actions[2].Copy.Dest);
        Assert.AreEqual("/w/a/f", actions[3].Rm.Path);
    }

    [TestMethod]
    public void Copy_from_a_chain_bound_to_another_state_stays_in_the_same_op()
    {
        FileActionWithState prepared = FileAction.Mkdir("/out", 0x1ED).ThenMkfile("/out/x", 0x1A4, "1"u8).WithState(State.Scratch);
        LlbOp op = LlbTestHelpers.Busybox
            .File(FileAction.Copy(prepared, "/out", "/dest"))
            .Def().ResultOp();
        LlbPb.FileAction[] actions = [.. op.Op.File.Actions];
        Assert.AreEqual(1, op.Op.Inputs.Count, "only busybox; the scratch chain has no input");
        Assert.AreEqual(3, actions.Length);
        Assert.AreEqual(-1, actions[0].Input);
        Assert.AreEqual(1 + 0, actions[1].Input);
        Assert.AreEqual(0, actions[2].Input);
        Assert.AreEqual(1 + 1, actions[2].SecondaryInput);
        CollectionAssert.AreEqual(new long[] { -1, -1, 0 }, actions.Select(a => a.Output).ToArray());
    }

    [TestMethod]
    public void File_ops_keep_the_state_context()
    {
        State s = LlbTestHelpers.Busybox.WithEnv("A", "1").WithDir("/x").WithUser("u")
            .File(FileAction.Mkdir("y", 0x1ED))
            .WithDir("y");
        Assert.AreEqual("/x/y", s.Dir);
        Assert.AreEqual("1", s.GetEnv("A"));
        LlbPb.Meta meta = s.Run("pwd").Root.Def().ResultOp().Op.Exec.Meta;
        Assert.AreEqual("/x/y", meta.Cwd);
        Assert.AreEqual("u", meta.User);
        CollectionAssert.AreEqual(new[] { "A=1" }, meta.Env.ToArray());
    }

    [TestMethod]
    public void Empty_paths_are_rejected()
    {
        StringAssert.Contains(Assert.ThrowsExactly<LlbException>(() => FileAction.Mkdir("", 0)).Message, "mkdir path");
        StringAssert.Contains(Assert.ThrowsExactly<LlbException>(() => FileAction.Copy(State.Scratch, "/a", "")).Message, "copy destination");
        StringAssert.Contains(Assert.ThrowsExactly<LlbException>(() => FileAction.Rm("")).Message, "rm path");
    }

    [TestMethod]
    public void Invalid_modes_and_owners_are_rejected()
    {
        Assert.AreEqual(
            "mkdir /a: mode -1 is not a valid permission (0 to 07777)",
            Assert.ThrowsExactly<LlbException>(() => FileAction.Mkdir("/a", -1)).Message);
        StringAssert.Contains(
            Assert.ThrowsExactly<LlbException>(() => FileAction.Mkfile("/f", 0x1000, [])).Message,
            "mkfile /f: mode 010000");
        StringAssert.Contains(
            Assert.ThrowsExactly<LlbException>(() => FileAction.Copy(State.Scratch, "/a", "/b", new CopyOptions { Mode = -2 })).Message,
            "copy /a: mode -2");
        Assert.AreEqual(
            "invalid owner \"app:\": a user or group name must not be empty",
            Assert.ThrowsExactly<LlbException>(() => FileOwner.Parse("app:")).Message);
        StringAssert.Contains(Assert.ThrowsExactly<LlbException>(() => FileOwner.Parse("-5")).Message, "must not be negative");
    }

    [TestMethod]
    public void Owner_parsing_follows_buildkit()
    {
        FileOwner owner = FileOwner.Parse("root:42");
        Assert.AreEqual(0, owner.User!.Id);
        Assert.IsNull(owner.User.Name);
        Assert.AreEqual(42, owner.Group!.Id);
        Assert.AreEqual("www-data", FileOwner.Parse("www-data").User!.Name);
        Assert.IsNull(FileOwner.Parse("www-data").Group);
    }
}
