using Dagger.Runtime.Llb;

namespace Dagger.BuildKit.UnitTests.Llb;

[TestClass]
public sealed class EncodingRulesTests
{
    [TestMethod]
    public void Go_json_escapes_like_encoding_json()
    {
        string json = GoJson.StringArray(["a\"b\\c", "\n\r\t", "\u0001\u001f", "<>&", "\u2028\u2029", "é😀", "\ud800x"]);
        Assert.AreEqual(
            "[\"a\\\"b\\\\c\",\"\\n\\r\\t\",\"\\u0001\\u001f\",\"\\u003c\\u003e\\u0026\",\"\\u2028\\u2029\",\"é😀\",\"\\ufffdx\"]",
            json);
        Assert.AreEqual("[]", GoJson.StringArray([]));
    }

    [TestMethod]
    public void Keys_are_ordered_by_utf8_bytes_not_utf16_units()
    {
        // U+FF61 is one UTF-16 unit above the surrogates of U+1F600, but its UTF-8 form (EF ..) sorts below F0 ...
        Assert.IsLessThan(0, Utf8Ordinal.Instance.Compare("\uFF61", "😀"));
        Assert.IsGreaterThan(0, string.CompareOrdinal("\uFF61", "😀"));
        Assert.IsLessThan(0, Utf8Ordinal.Instance.Compare("a", "b"));
        Assert.AreEqual(0, Utf8Ordinal.Instance.Compare("x", "x"));
    }

    [TestMethod]
    public void Mount_targets_sort_by_utf8_bytes()
    {
        AssertMountOrder(["/😀", "/\uFF61"], ["/", "/\uFF61", "/😀"]);
    }

    private static void AssertMountOrder(string[] targets, string[] expected)
    {
        Dagger.Runtime.Llb.Pb.Op op = LlbTestHelpers.Busybox.Run(new ExecOptions
        {
            Args = ["x"],
            Mounts = [.. targets.Select(t => (ExecMount)new TmpfsMount(t))],
        }).Root.Def().ResultOp().Op;
        CollectionAssert.AreEqual(expected, op.Exec.Mounts.Select(m => m.Dest).ToArray());
    }
}
