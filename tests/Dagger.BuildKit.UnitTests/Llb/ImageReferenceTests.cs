using Dagger.Runtime.Llb;

namespace Dagger.BuildKit.UnitTests.Llb;

[TestClass]
public sealed class ImageReferenceTests
{
    private const string Sha = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [TestMethod]
    [DataRow("busybox", "docker.io/library/busybox:latest")]
    [DataRow("busybox:1.36", "docker.io/library/busybox:1.36")]
    [DataRow("library/busybox", "docker.io/library/busybox:latest")]
    [DataRow("dagger/alpine", "docker.io/dagger/alpine:latest")]
    [DataRow("index.docker.io/dagger/alpine:3", "docker.io/dagger/alpine:3")]
    [DataRow("docker.io/alpine", "docker.io/library/alpine:latest")]
    [DataRow("localhost/app", "localhost/app:latest")]
    [DataRow("localhost:5000/team/app:v1.2", "localhost:5000/team/app:v1.2")]
    [DataRow("ghcr.io/a/b/c", "ghcr.io/a/b/c:latest")]
    [DataRow("Registry.Example.com/app", "Registry.Example.com/app:latest")]
    [DataRow("some-user/my_app.x", "docker.io/some-user/my_app.x:latest")]
    public void Names_are_fully_qualified_and_tagged(string input, string expected)
    {
        Assert.AreEqual(expected, ImageReference.Normalize(input));
    }

    [TestMethod]
    public void A_digest_without_tag_gets_no_latest_tag()
    {
        Assert.AreEqual("docker.io/library/alpine@" + Sha, ImageReference.Normalize("alpine@" + Sha));
        Assert.AreEqual("docker.io/library/alpine:3@" + Sha, ImageReference.Normalize("alpine:3@" + Sha));
    }

    [TestMethod]
    [DataRow("Busybox", "lower-case")]
    [DataRow("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "64-digit")]
    [DataRow("busybox:", "expected [registry/]name")]
    [DataRow("-busybox", "expected [registry/]name")]
    [DataRow("busybox@sha256:abc", "expected [registry/]name")]
    [DataRow("busybox@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85500", "not a valid")]
    [DataRow("busybox\n", "expected [registry/]name")]
    public void Invalid_references_are_rejected_with_the_reason(string input, string reason)
    {
        LlbException e = Assert.ThrowsExactly<LlbException>(() => ImageReference.Normalize(input));
        StringAssert.Contains(e.Message, reason);
        StringAssert.Contains(e.Message, "invalid image reference");
    }
}
