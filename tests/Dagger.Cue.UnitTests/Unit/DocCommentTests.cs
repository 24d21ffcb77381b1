using Dagger.Runtime.Cue;

namespace Dagger.Cue.UnitTests.Unit;

[TestClass]
public sealed class DocCommentTests
{
    private static T Run<T>(Func<T> f) => CueContext.RunWithLargeStack(f);

    private const string Source = """
        // The image to run.
        // Any reference the engine can pull.
        image: string

        // Detached by a blank line: not a doc.

        count: 1 // a trailing comment is not a doc either

        #Container: {
        	// The command, run by a shell.
        	command: string
        	env: [string]: string
        }

        // My own container.
        ctr: #Container & {command: "make"}
        noDoc: 2
        """;

    [TestMethod]
    public void The_comment_lines_right_above_a_field_are_its_doc() => Run(() =>
    {
        var v = new CueContext().Compile(Source, "doc.cue");
        Assert.AreEqual("The image to run.\nAny reference the engine can pull.", v.LookupPath("image")!.Doc);
        Assert.IsNull(v.LookupPath("count")!.Doc, "a blank line separates a comment from the field below, and a trailing comment documents nothing");
        Assert.IsNull(v.LookupPath("noDoc")!.Doc);
        return 0;
    });

    [TestMethod]
    public void A_field_of_a_definition_keeps_its_doc_where_the_definition_is_used() => Run(() =>
    {
        var v = new CueContext().Compile(Source, "doc.cue");
        Assert.AreEqual("The command, run by a shell.", v.LookupPath("ctr.command")!.Doc);
        Assert.AreEqual("My own container.", v.LookupPath("ctr")!.Doc);
        Assert.IsNull(v.LookupPath("ctr.env")!.Doc);
        return 0;
    });

    [TestMethod]
    public void Docs_of_two_declarations_are_both_kept_once() => Run(() =>
    {
        var v = new CueContext().Compile([("a.cue", "// From a.\nx: int\n"), ("b.cue", "// From b.\nx: 1\n// From a.\ny: 2\n")]);
        var doc = v.LookupPath("x")!.Doc;
        Assert.IsNotNull(doc);
        CollectionAssert.AreEquivalent(new[] { "From a.", "From b." }, doc.Split('\n'));
        return 0;
    });
}
