using Dagger.Runtime.Cue;
using Dagger.Runtime.Cue.Errors;

namespace Dagger.Cue.UnitTests.Unit;

[TestClass]
public sealed class SpanTests
{
    private static T Run<T>(Func<T> f) => CueContext.RunWithLargeStack(f);

    [TestMethod]
    public void A_field_spans_from_its_label_to_the_end_of_its_value() => Run(() =>
    {
        var v = new CueContext().Compile("x: 1\ntask: {\n\tname: \"a\"\n}\n", "plan.cue");
        Assert.AreEqual(new SourceSpan("plan.cue", 2, 1, 4, 2), v.LookupPath("task")!.Span);
        Assert.AreEqual(new SourceSpan("plan.cue", 3, 2, 3, 11), v.LookupPath("task.name")!.Span);
        Assert.AreEqual(new SourceSpan("plan.cue", 1, 1, 1, 5), v.LookupPath("x")!.Span);
        return 0;
    });

    [TestMethod]
    public void A_list_element_spans_its_own_expression() => Run(() =>
    {
        var v = new CueContext().Compile("ops: [\n  {do: \"a\"},\n  {do: \"b\", n: 2} & {n: int},\n]\n", "p.cue");
        var second = v.LookupPath("ops")!.Elements()[1];
        Assert.AreEqual(new SourceSpan("p.cue", 3, 3, 3, 29), second.Span);
        Assert.AreEqual(new SourceSpan("p.cue", 2, 3, 2, 12), v.LookupPath("ops")!.Elements()[0].Span);
        return 0;
    });

    [TestMethod]
    public void Columns_count_characters_not_bytes() => Run(() =>
    {
        // "é" is two bytes in UTF-8 and "😀" four: the positions of the reference CUE count bytes, spans count
        // UTF-16 code units, as editors do.
        var v = new CueContext().Compile("a: \"é😀\", b: 1\n", "u.cue");
        Assert.AreEqual(new SourceSpan("u.cue", 1, 11, 1, 15), v.LookupPath("b")!.Span);
        Assert.AreEqual(14, v.LookupPath("b")!.Position.Column);
        return 0;
    });

    [TestMethod]
    public void An_error_position_becomes_a_point_in_characters() => Run(() =>
    {
        var context = new CueContext();
        var v = context.Compile("s: \"ü\", n: 1\nn: 2\n", "c.cue");
        var error = v.Error ?? v.LookupPath("n")!.Error;
        Assert.IsNotNull(error);
        var spans = error.Errors.SelectMany(e => e.Positions).Select(p => context.SpanAt(p)).ToList();
        Assert.AreEqual(2, spans.Count, string.Join(", ", spans));
        CollectionAssert.Contains(spans, new SourceSpan("c.cue", 1, 12, 1, 12), string.Join(", ", spans));
        CollectionAssert.Contains(spans, new SourceSpan("c.cue", 2, 4, 2, 4));
        Assert.IsNull(context.SpanAt(default));
        return 0;
    });

    [TestMethod]
    public void A_syntax_error_position_maps_to_the_file_that_failed() => Run(() =>
    {
        var context = new CueContext();
        var e = Assert.ThrowsExactly<CueEvalException>(() => context.Compile("a: {\n\tb: 1 +\n}\n", "bad.cue"));
        var pos = e.Errors[0].Position;
        Assert.AreEqual(new SourceSpan("bad.cue", pos.Line, pos.Column, pos.Line, pos.Column), context.SpanAt(pos));
        return 0;
    });
}
