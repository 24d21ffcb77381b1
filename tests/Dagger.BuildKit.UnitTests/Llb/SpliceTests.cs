using Dagger.Runtime.Llb;

namespace Dagger.BuildKit.UnitTests.Llb;

[TestClass]
public sealed class SpliceTests
{
    private static State Frontend() =>
        LlbTestHelpers.Busybox
            .Run(new ExecOptions { Args = ["sh", "-c", "echo built > /built"], Op = new OpOptions { CustomName = "[2/2] RUN echo built", IgnoreCache = true } })
            .Root;

    [TestMethod]
    public void A_spliced_definition_keeps_its_ops_bytes_and_metadata_and_later_ops_build_on_its_result()
    {
        var produced = Frontend().Marshal();
        var spliced = State.FromDefinition(produced);
        var after = spliced.File(FileAction.Mkfile("/after", 0x1A4, "x"u8), new OpOptions { CustomName = "after" }).Marshal();

        var original = produced.Ops.Take(produced.Ops.Count - 1).ToList();
        foreach (var op in original)
        {
            var copy = after[op.Digest];
            Assert.AreEqual(op.Bytes, copy.Bytes);
            Assert.AreEqual(op.Metadata?.IgnoreCache, copy.Metadata?.IgnoreCache);
            Assert.AreEqual(op.CustomName, copy.CustomName);
        }

        var file = after.Ops.Single(o => o.CustomName == "after");
        Assert.AreEqual(produced.Result!.Value.Value, file.Op.Inputs.Single().Digest, "the new op reads the spliced result");
        Assert.HasCount(original.Count + 2, after.Ops, "the spliced ops, the new op and the result pointer; no duplicates");
    }

    [TestMethod]
    public void Splicing_twice_and_building_the_same_graph_directly_give_the_same_digests()
    {
        var direct = Frontend().File(FileAction.Mkfile("/after", 0x1A4, "x"u8)).Marshal();
        var viaSplice = State.FromDefinition(State.FromDefinition(Frontend().Marshal()).Marshal())
            .File(FileAction.Mkfile("/after", 0x1A4, "x"u8)).Marshal();
        Assert.AreEqual(direct.Result, viaSplice.Result);
    }

    [TestMethod]
    public void An_empty_definition_is_scratch()
    {
        Assert.IsTrue(State.FromDefinition(State.Scratch.Marshal()).IsScratch);
    }
}
