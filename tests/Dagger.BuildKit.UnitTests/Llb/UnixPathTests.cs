using Dagger.Runtime.Llb;

namespace Dagger.BuildKit.UnitTests.Llb;

[TestClass]
public sealed class UnixPathTests
{
    // Expected values are what Go's path.Clean and path.Join return.
    [TestMethod]
    [DataRow("", ".")]
    [DataRow("/", "/")]
    [DataRow("a//b/./c/", "a/b/c")]
    [DataRow("/../a", "/a")]
    [DataRow("a/../../b", "../b")]
    [DataRow("../../x/..", "../..")]
    [DataRow("/a/b/../../..", "/")]
    [DataRow("./", ".")]
    public void Clean_matches_go(string input, string expected)
    {
        Assert.AreEqual(expected, UnixPath.Clean(input));
    }

    [TestMethod]
    public void Join_skips_empty_elements_and_cleans()
    {
        Assert.AreEqual("/a/c", UnixPath.Join("/", "a/b", "../c"));
        Assert.AreEqual("", UnixPath.Join("", ""));
        Assert.AreEqual("/", UnixPath.Join("/", "", ""));
        Assert.AreEqual("a", UnixPath.Join("", "a"));
    }
}
