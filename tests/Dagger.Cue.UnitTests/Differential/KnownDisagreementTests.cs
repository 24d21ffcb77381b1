namespace Dagger.Cue.UnitTests.Differential;

[TestClass]
public sealed class KnownDisagreementTests
{
    [TestMethod]
    public void Entries_take_a_program_condition_a_difference_condition_or_both()
    {
        var entries = KnownDisagreement.Parse(
        [
            "# title",
            "text that is not an entry",
            "- difference /^key order differs/ order is hard",
            "- program /for k\\d+/ comprehensions",
            "- program /#\\w+/ difference /^oracle failed/ closedness",
        ]);
        Assert.HasCount(3, entries);
        Assert.AreEqual("order is hard", entries[0].Reason);
        Assert.IsTrue(entries[0].Matches("a: 1", "key order differs (values equal) at $"));
        Assert.IsFalse(entries[0].Matches("a: 1", "value mismatch at $.a"));
        Assert.IsTrue(entries[1].Matches("x: {for k1, v1 in y {}}", "anything"));
        Assert.IsTrue(entries[2].Matches("#D: {}", "oracle failed, ours succeeded: x"));
        Assert.IsFalse(entries[2].Matches("d: {}", "oracle failed, ours succeeded: x"));
        Assert.IsFalse(entries[2].Matches("#D: {}", "oracle succeeded, ours failed: x"));
    }

    [TestMethod]
    public void An_entry_without_a_condition_is_rejected_with_its_line()
    {
        var e = Assert.ThrowsExactly<FormatException>(() => KnownDisagreement.Parse(["intro", "- everything is fine"]));
        StringAssert.StartsWith(e.Message, "known-disagreements.md:2:");
    }

    [TestMethod]
    public void The_committed_list_has_a_reason_for_every_entry()
    {
        var entries = KnownDisagreement.Load();
        Assert.IsTrue(entries.All(e => e.Reason.Length >= 20), "every entry needs a real reason");
        Assert.IsTrue(entries.All(e => e.Program is not null || e.Difference is not null));
    }
}
