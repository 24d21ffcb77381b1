using Dagger.Runtime.Cue.Core;
using Dagger.Runtime.Cue.Syntax;

namespace Dagger.Cue.UnitTests.Unit;

[TestClass]
public sealed class ConjunctListTests
{
    private static Conjunct Named(string name) => new(null, new Ident { Name = name }, null);

    private static string Names(ConjunctList list) => string.Join(",", list.Select(c => ((Ident)c.Expr!).Name));

    [TestMethod]
    public void Adds_and_inserts_keep_their_order_as_the_storage_grows()
    {
        var v = new Vertex(null, Labels.None);
        Assert.AreEqual(0, v.Conjuncts.Capacity);
        v.Conjuncts.Add(Named("b"));
        Assert.AreEqual(2, v.Conjuncts.Capacity);
        v.Conjuncts.Insert(0, Named("a"));
        v.Conjuncts.Add(Named("d"));
        v.Conjuncts.Insert(2, Named("c"));
        v.Conjuncts.Add(Named("e"));
        Assert.AreEqual("a,b,c,d,e", Names(v.Conjuncts));
        Assert.AreEqual(5, v.Conjuncts.Count);
        Assert.AreEqual(8, v.Conjuncts.Capacity);
        Assert.AreEqual("c", ((Ident)v.Conjuncts[2].Expr!).Name);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => v.Conjuncts[5]);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => v.Conjuncts.Insert(7, Named("x")));
    }

    [TestMethod]
    public void AddRange_copies_another_vertex_and_sizes_once()
    {
        var from = new Vertex(null, Labels.None);
        foreach (var n in new[] { "a", "b", "c" })
        {
            from.Conjuncts.Add(Named(n));
        }

        var to = new Vertex(null, Labels.None);
        to.Conjuncts.AddRange(from.Conjuncts);
        Assert.AreEqual("a,b,c", Names(to.Conjuncts));
        Assert.AreEqual(3, to.Conjuncts.Capacity);

        // Copying a list onto itself doubles it rather than running on.
        to.Conjuncts.AddRange(to.Conjuncts);
        Assert.AreEqual("a,b,c,a,b,c", Names(to.Conjuncts));
    }

    [TestMethod]
    public void A_walk_sees_what_is_added_while_it_walks()
    {
        var v = new Vertex(null, Labels.None);
        v.Conjuncts.Add(Named("a"));
        var seen = new List<string>();
        foreach (var c in v.Conjuncts)
        {
            seen.Add(((Ident)c.Expr!).Name);
            if (seen.Count == 1)
            {
                v.Conjuncts.Add(Named("b"));
            }
        }

        CollectionAssert.AreEqual(new[] { "a", "b" }, seen);
    }
}
