namespace Dagger.Cue.UnitTests.Conformance;

[TestClass]
public sealed class KnownFailuresTests
{
    [TestMethod]
    public void Lines_are_ids_with_reasons_and_comments_are_skipped()
    {
        var entries = KnownFailures.Parse(["# <case-id> <reason>", "", "cue/cycle/structural  structural cycles not detected yet", "  cue/x/y\tsome reason  "]);
        Assert.HasCount(2, entries);
        Assert.AreEqual("structural cycles not detected yet", entries["cue/cycle/structural"]);
        Assert.AreEqual("some reason", entries["cue/x/y"]);
    }

    [TestMethod]
    public void A_duplicate_id_is_rejected_with_its_line()
    {
        var e = Assert.ThrowsExactly<FormatException>(() => KnownFailures.Parse(["a/b one", "a/b two"]));
        StringAssert.Contains(e.Message, "known-failures.txt:2: a/b is listed twice");
    }
}
