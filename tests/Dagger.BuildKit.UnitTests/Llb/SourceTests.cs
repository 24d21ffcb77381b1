using Dagger.Runtime.Llb;
using LlbPb = Dagger.Runtime.Llb.Pb;

namespace Dagger.BuildKit.UnitTests.Llb;

[TestClass]
public sealed class SourceTests
{
    [TestMethod]
    public void Image_source_has_normalized_identifier_platform_and_no_attrs()
    {
        LlbOp op = State.Image("alpine:3.18").Def().ResultOp();
        Assert.AreEqual("docker-image://docker.io/library/alpine:3.18", op.Op.Source.Identifier);
        Assert.AreEqual(0, op.Op.Source.Attrs.Count);
        Assert.AreEqual("linux", op.Op.Platform.OS);
        Assert.AreEqual("amd64", op.Op.Platform.Architecture);
        Assert.IsNotNull(op.Op.Constraints);
        Assert.IsTrue(op.Metadata!.Caps.ContainsKey("source.image"));
    }

    [TestMethod]
    [DataRow(ImageResolveMode.ForcePull, "pull")]
    [DataRow(ImageResolveMode.PreferLocal, "local")]
    public void Image_resolve_mode_becomes_an_attribute(ImageResolveMode mode, string value)
    {
        LlbOp op = State.Image("busybox", new ImageOptions { ResolveMode = mode }).Def().ResultOp();
        Assert.AreEqual(value, op.Op.Source.Attrs["image.resolvemode"]);
        Assert.AreEqual(mode == ImageResolveMode.ForcePull, op.Metadata!.Caps.ContainsKey("source.image.resolvemode"));
    }

    [TestMethod]
    public void Image_platform_option_sets_the_op_platform_and_the_state_platform()
    {
        State image = State.Image("busybox", new ImageOptions { Op = new OpOptions { Platform = new Platform("linux", "aarch64") } });
        Assert.AreEqual(Platform.LinuxArm64, image.Platform);
        LlbPb.Op op = image.Def().ResultOp().Op;
        Assert.AreEqual("arm64", op.Platform.Architecture);

        LlbPb.Op exec = image.Run("true").Root.Def().ResultOp().Op;
        Assert.AreEqual("arm64", exec.Platform.Architecture);
    }

    [TestMethod]
    [DataRow("https://github.com/dagger/dagger.git", "git://github.com/dagger/dagger.git#main", "https://github.com/dagger/dagger.git")]
    [DataRow("github.com/dagger/dagger", "git://github.com/dagger/dagger#main", "https://github.com/dagger/dagger")]
    [DataRow("http://git.local/repo", "git://git.local/repo#main", "http://git.local/repo")]
    [DataRow("git://git.local/repo", "git://git.local/repo#main", "git://git.local/repo")]
    public void Git_remotes_are_normalized_like_buildkit(string remote, string identifier, string fullUrl)
    {
        LlbPb.Op op = State.Git(remote, "main").Def().ResultOp().Op;
        Assert.AreEqual(identifier, op.Source.Identifier);
        Assert.AreEqual(fullUrl, op.Source.Attrs["git.fullurl"]);
        Assert.AreEqual("GIT_AUTH_TOKEN", op.Source.Attrs["git.authtokensecret"]);
        Assert.AreEqual("GIT_AUTH_HEADER", op.Source.Attrs["git.authheadersecret"]);
        Assert.IsFalse(op.Source.Attrs.ContainsKey("git.mountsshsock"));
        Assert.IsNull(op.Platform, "non-image sources are platform independent");
    }

    [TestMethod]
    public void Ssh_git_remotes_drop_the_user_and_mount_the_agent()
    {
        LlbPb.Op op = State.Git("git@github.com:dagger/dagger.git", "", new GitOptions { KnownSshHosts = "github.com ssh-ed25519 AAAA" })
            .Def().ResultOp().Op;
        Assert.AreEqual("git://github.com/dagger/dagger.git", op.Source.Identifier);
        Assert.AreEqual("git@github.com:dagger/dagger.git", op.Source.Attrs["git.fullurl"]);
        Assert.AreEqual("default", op.Source.Attrs["git.mountsshsock"]);
        Assert.AreEqual("github.com ssh-ed25519 AAAA\n", op.Source.Attrs["git.knownsshhosts"]);

        LlbPb.Op sshUrl = State.Git("ssh://me@host.example/repo.git", "v1").Def().ResultOp().Op;
        Assert.AreEqual("git://host.example/repo.git#v1", sshUrl.Source.Identifier);
        Assert.IsFalse(sshUrl.Source.Attrs.ContainsKey("git.knownsshhosts"));
    }

    [TestMethod]
    public void Git_options_set_keep_dir_and_secret_names()
    {
        LlbOp op = State.Git("https://example.com/r.git", "abc", new GitOptions
        {
            KeepGitDir = true,
            AuthTokenSecret = "my-token",
            AuthHeaderSecret = "",
        }).Def().ResultOp();
        Assert.AreEqual("true", op.Op.Source.Attrs["git.keepgitdir"]);
        Assert.AreEqual("my-token", op.Op.Source.Attrs["git.authtokensecret"]);
        Assert.IsFalse(op.Op.Source.Attrs.ContainsKey("git.authheadersecret"));
        Assert.IsTrue(op.Metadata!.Caps.ContainsKey("source.git.httpauth"));
        Assert.IsTrue(op.Metadata.Caps.ContainsKey("source.git.keepgitdir"));
    }

    [TestMethod]
    public void Http_source_writes_checksum_filename_perm_and_owner()
    {
        const string sum = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        LlbOp op = State.Http("https://example.com/tool.tgz", new HttpOptions
        {
            Checksum = sum,
            Filename = "tool.tgz",
            Permissions = 0x1ED,
            Uid = 1000,
            Gid = 1001,
        }).Def().ResultOp();
        LlbPb.SourceOp source = op.Op.Source;
        Assert.AreEqual("https://example.com/tool.tgz", source.Identifier);
        Assert.AreEqual(sum, source.Attrs["http.checksum"]);
        Assert.AreEqual("tool.tgz", source.Attrs["http.filename"]);
        Assert.AreEqual("0755", source.Attrs["http.perm"]);
        Assert.AreEqual("1000", source.Attrs["http.uid"]);
        Assert.AreEqual("1001", source.Attrs["http.gid"]);
        CollectionAssert.AreEqual(
            new[] { "http.checksum", "http.filename", "http.gid", "http.perm", "http.uid" },
            source.Attrs.Keys.ToArray(),
            "attributes are serialized in key order");
        Assert.IsTrue(op.Metadata!.Caps.ContainsKey("soruce.http.uidgid"));
    }

    [TestMethod]
    public void Http_source_rejects_bad_urls_and_checksums()
    {
        StringAssert.Contains(Assert.ThrowsExactly<LlbException>(() => State.Http("ftp://x/y")).Message, "ftp://x/y");
        StringAssert.Contains(
            Assert.ThrowsExactly<LlbException>(() => State.Http("https://x/y", new HttpOptions { Checksum = "sha256:zz" })).Message,
            "checksum \"sha256:zz\"");
        StringAssert.Contains(
            Assert.ThrowsExactly<LlbException>(() => State.Http("https://x/y", new HttpOptions { Uid = -3 })).Message,
            "uid -3 must not be negative");
    }

    [TestMethod]
    public void Local_source_writes_session_patterns_and_hint_as_go_json()
    {
        LlbPb.SourceOp source = State.Local("context", new LocalOptions
        {
            SessionId = "s1",
            IncludePatterns = ["src/**", "a<b>&c"],
            ExcludePatterns = ["bin", "obj"],
            FollowPaths = ["Dockerfile"],
            SharedKeyHint = "ctx",
        }).Def().ResultOp().Op.Source;
        Assert.AreEqual("local://context", source.Identifier);
        Assert.AreEqual("s1", source.Attrs["local.session"]);
        Assert.AreEqual("[\"src/**\",\"a\\u003cb\\u003e\\u0026c\"]", source.Attrs["local.includepattern"]);
        Assert.AreEqual("[\"bin\",\"obj\"]", source.Attrs["local.excludepatterns"]);
        Assert.AreEqual("[\"Dockerfile\"]", source.Attrs["local.followpaths"]);
        Assert.AreEqual("ctx", source.Attrs["local.sharedkeyhint"]);
        Assert.IsFalse(source.Attrs.ContainsKey("local.unique"));
    }

    [TestMethod]
    public void Local_source_without_session_gets_the_unique_id()
    {
        LlbPb.SourceOp source = State.Local("ctx").Def().ResultOp().Op.Source;
        Assert.AreEqual("unique-for-tests", source.Attrs["local.unique"]);

        string a = State.Local("ctx").Marshal().ResultOp().Op.Source.Attrs["local.unique"];
        string b = State.Local("ctx").Marshal().ResultOp().Op.Source.Attrs["local.unique"];
        Assert.AreNotEqual(a, b, "without an explicit id every marshal gets a fresh one");
    }

    [TestMethod]
    public void Sources_reject_empty_names()
    {
        StringAssert.Contains(Assert.ThrowsExactly<LlbException>(() => State.Local("")).Message, "local source");
        StringAssert.Contains(Assert.ThrowsExactly<LlbException>(() => State.Git("")).Message, "git source");
    }
}
