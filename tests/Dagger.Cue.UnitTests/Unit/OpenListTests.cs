using Dagger.Runtime.Cue;

namespace Dagger.Cue.UnitTests.Unit;

[TestClass]
public sealed class OpenListTests
{
    [TestMethod]
    public void Open_lists_are_told_apart_from_closed_ones()
    {
        var v = new CueContext().Compile("#T: {n: int}\na: [...#T]\nb: []\nc: [{n: 1}, ...]\nd: [{n: 1}]\ne: a & [{n: 2}]\nf: 1\n");
        Assert.IsTrue(v.LookupPath("a")!.IsOpenList);
        Assert.IsFalse(v.LookupPath("b")!.IsOpenList);
        Assert.IsTrue(v.LookupPath("c")!.IsOpenList);
        Assert.IsFalse(v.LookupPath("d")!.IsOpenList);
        Assert.IsFalse(v.LookupPath("e")!.IsOpenList, "unified with a closed list, the list is closed");
        Assert.IsFalse(v.LookupPath("f")!.IsOpenList);
    }
}
