using Dagger.Runtime.Cue;
using Dagger.Runtime.Cue.Errors;

namespace Dagger.Cue.UnitTests.Unit;

[TestClass]
public sealed class ApiTests
{
    private static T Run<T>(Func<T> f) => CueContext.RunWithLargeStack(f);

    [TestMethod]
    public void LookupKindAndScalars() => Run(() =>
    {
        var v = new CueContext().Compile("a: {b: \"x\", c: 2, d: true, e: 1.5, f: int}");
        Assert.IsTrue(v.LookupPath("a.b")!.TryGetString(out var s));
        Assert.AreEqual("x", s);
        Assert.IsTrue(v.LookupPath("a.c")!.TryGetInt64(out var i));
        Assert.AreEqual(2L, i);
        Assert.IsTrue(v.LookupPath("a.d")!.TryGetBool(out var b));
        Assert.IsTrue(b);
        Assert.IsTrue(v.LookupPath("a.e")!.TryGetDouble(out var d));
        Assert.AreEqual(1.5, d);
        Assert.AreEqual(Dagger.Runtime.Cue.Core.Kind.Int, v.LookupPath("a.f")!.Kind);
        Assert.IsFalse(v.LookupPath("a.f")!.IsConcrete);
        Assert.IsNull(v.LookupPath("a.zz"));
        return 0;
    });

    [TestMethod]
    public void WriteJsonWritesWhatToJsonReturns() => Run(() =>
    {
        // Long enough to span many of the builder's chunks.
        var v = new CueContext().Compile(string.Join("\n", Enumerable.Range(0, 2000).Select(i => $"f{i}: {{n: {i}, s: \"v\\(n)\"}}")));
        var w = new StringWriter();
        v.WriteJson(w);
        Assert.AreEqual(v.ToJson(), w.ToString());
        var compact = new StringWriter();
        v.WriteJson(compact, indent: false);
        Assert.AreEqual(v.ToJson(indent: false), compact.ToString());
        return 0;
    });

    [TestMethod]
    public void CueJsonQuotesStringsAsExportWritesThem() => Run(() =>
    {
        var text = "a\"b\\c\n<&>\u2028\u0001é";
        Assert.AreEqual("\"a\\\"b\\\\c\\n\\u003c\\u0026\\u003e\\u2028\\u0001é\"", CueJson.Quote(text));
        var exported = new CueContext().Compile("v: " + CueJson.Quote(text)).ToJson(indent: false);
        Assert.AreEqual("{\"v\":" + CueJson.Quote(text) + "}", exported, "what export writes, and CUE reads it back");
        return 0;
    });

    [TestMethod]
    public void WriteJsonWritesNothingForAValueThatIsNotConcrete() => Run(() =>
    {
        var v = new CueContext().Compile("a: 1\nb: string\nc: 3");
        var w = new StringWriter();
        var e = Assert.ThrowsExactly<CueEvalException>(() => v.WriteJson(w));
        StringAssert.Contains(e.Message, "b: incomplete value string");
        Assert.AreEqual(string.Empty, w.ToString());
        return 0;
    });

    [TestMethod]
    public void FieldsWithOptions() => Run(() =>
    {
        var v = new CueContext().Compile("x: {b: 1, #d: 2, _h: 3, o?: 4, a: 5}").LookupPath("x")!;
        CollectionAssert.AreEqual(new[] { "b", "a" }, v.Fields().Select(f => f.Label).ToArray());
        CollectionAssert.AreEqual(new[] { "b", "#d", "_h", "a", "o" }, v.Fields(CueFieldOptions.All).Select(f => f.Label).ToArray());
        Assert.IsTrue(v.Fields(CueFieldOptions.All).Single(f => f.Label == "o").IsOptional);
        return 0;
    });

    [TestMethod]
    public void FillPathUnifiesWithoutChangingTheOriginal() => Run(() =>
    {
        var v = new CueContext().Compile("#D: {n: int, m: n * 2}\nx: #D");
        var filled = v.FillPath("x.n", 21);
        Assert.AreEqual("""{"x":{"n":21,"m":42}}""", filled.ToJson(indent: false));
        Assert.IsNotNull(v.LookupPath("x.m")!.Error);
        var bad = v.FillPath("x.z", "nope");
        StringAssert.StartsWith(bad.Error!.Message, "x: field z not allowed (closed by #D)");
        var data = v.FillPath("x", new Dictionary<string, object?> { ["n"] = 1L });
        Assert.AreEqual("""{"x":{"n":1,"m":2}}""", data.ToJson(indent: false));
        return 0;
    });

    [TestMethod]
    public void FillPathReachesListElementsAndLabelsWithDots() => Run(() =>
    {
        var v = new CueContext().Compile("""
            tasks: [{name: "a", out: string}, {name: "b", out: string}]
            "a.b": {c: string}
            """);
        var inList = v.FillPath([CueSelector.Field("tasks"), CueSelector.Item(1), CueSelector.Field("out")], "done");
        Assert.AreEqual("done", inList.LookupPath([CueSelector.Field("tasks"), CueSelector.Item(1), CueSelector.Field("out")])!.ToJson(indent: false).Trim('"'));
        Assert.IsFalse(inList.LookupPath([CueSelector.Field("tasks"), CueSelector.Item(0), CueSelector.Field("out")])!.IsConcrete);
        Assert.AreEqual(2, inList.LookupPath("tasks")!.Elements().Count, "the list keeps its length");
        var dotted = v.FillPath([CueSelector.Field("a.b"), CueSelector.Field("c")], "x");
        Assert.AreEqual("""{"c":"x"}""", dotted.LookupPath([CueSelector.Field("a.b")])!.ToJson(indent: false));
        var conflict = v.FillPath([CueSelector.Field("tasks"), CueSelector.Item(0), CueSelector.Field("name")], "z");
        StringAssert.Contains(conflict.Error!.Message, "conflicting values");
        Assert.IsNull(v.LookupPath([CueSelector.Field("tasks"), CueSelector.Item(2)]));
        return 0;
    });

    [TestMethod]
    public void DefaultsAndErrors() => Run(() =>
    {
        var v = new CueContext().Compile("a: *\"x\" | string\nb: 1 & 2\nc: 3");
        var d = v.LookupPath("a")!.Default(out var has);
        Assert.IsTrue(has);
        Assert.IsTrue(d.TryGetString(out var s));
        Assert.AreEqual("x", s);
        Assert.IsNotNull(v.LookupPath("b")!.Error);
        Assert.IsNull(v.LookupPath("c")!.Error);
        return 0;
    });

    [TestMethod]
    public void An_optional_field_that_is_not_there_still_has_its_attributes_and_doc() => Run(() =>
    {
        var v = new CueContext().Compile("#T: {\n\t// Only these tests.\n\tfilter?: string @dagger(input)\n}", "f.cue");

        var filter = v.LookupPath("#T")!.Fields(CueFieldOptions.Optional).Single();

        Assert.IsTrue(filter.IsOptional);
        Assert.AreEqual("input", filter.Value.Attributes("dagger").Single().Contents);
        Assert.AreEqual("Only these tests.", filter.Value.Doc?.Trim());
        return 0;
    });

    [TestMethod]
    public void AttributesAndPositions() => Run(() =>
    {
        var v = new CueContext().Compile("a: int @tag(x, type=int)\nb: 2", "f.cue");
        var attr = v.LookupPath("a")!.Attributes("tag").Single();
        CollectionAssert.AreEqual(new[] { "x", "type=int" }, attr.Args.ToArray());
        Assert.AreEqual("int", attr.Lookup("type"));
        Assert.AreEqual("f.cue:2:1", v.LookupPath("b")!.Position.ToString());
        return 0;
    });

    [TestMethod]
    public void DeclarationAttributesComeThroughReferences() => Run(() =>
    {
        var v = new CueContext().Compile("""
            #Output: {
            	@dagger(output)
            	_
            	...
            }
            #Input: {@dagger(input), _, ...}
            name:    #Input & {string | *"world"}
            message: #Output & "Hello, \(name)!"
            plain:   "x" @dagger(field)
            both: {
            	@dagger(output)
            	a: 1
            }
            """);
        Assert.AreEqual("output", v.LookupPath("message")!.DeclarationAttributes("dagger").Single().Contents);
        Assert.AreEqual("input", v.LookupPath("name")!.DeclarationAttributes("dagger").Single().Contents);
        Assert.AreEqual("output", v.LookupPath("both")!.DeclarationAttributes("dagger").Single().Contents);
        Assert.IsEmpty(v.LookupPath("plain")!.DeclarationAttributes("dagger"), "a field attribute is not a declaration attribute");
        Assert.IsEmpty(v.LookupPath("message")!.Attributes("dagger"), "a declaration attribute is not a field attribute");
        Assert.IsEmpty(v.LookupPath("both.a")!.DeclarationAttributes("dagger"));
        Assert.AreEqual("""{"name":"world","message":"Hello, world!","plain":"x","both":{"a":1}}""", v.ToJson(indent: false));
        return 0;
    });

    [TestMethod]
    public void EvaluateExpressionAndElements() => Run(() =>
    {
        var v = new CueContext().Compile("l: [1, 2, 3]\nn: 2");
        Assert.AreEqual("4", v.Evaluate("l[2] + 1").ToJson(indent: false));
        Assert.AreEqual(3, v.LookupPath("l")!.Elements().Count);
        return 0;
    });
}
