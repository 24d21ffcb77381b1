using Dagger.Runtime.Llb;

namespace Dagger.BuildKit.UnitTests.Llb;

[TestClass]
public sealed class PlatformTests
{
    [TestMethod]
    [DataRow("linux/amd64", "linux/amd64")]
    [DataRow("Linux/x86_64", "linux/amd64")]
    [DataRow("linux/aarch64", "linux/arm64")]
    [DataRow("linux/arm64/v8", "linux/arm64")]
    [DataRow("linux/armhf", "linux/arm/v7")]
    [DataRow("linux/arm", "linux/arm/v7")]
    [DataRow("linux/arm/6", "linux/arm/v6")]
    [DataRow("linux/i386", "linux/386")]
    [DataRow("macos/arm64", "darwin/arm64")]
    public void Platforms_are_normalized(string input, string expected)
    {
        Assert.AreEqual(expected, Platform.Parse(input).ToString());
    }

    [TestMethod]
    [DataRow("linux")]
    [DataRow("linux//v7")]
    [DataRow("a/b/c/d")]
    public void Malformed_platforms_are_rejected(string input)
    {
        LlbException e = Assert.ThrowsExactly<LlbException>(() => Platform.Parse(input));
        StringAssert.Contains(e.Message, input);
    }
}
