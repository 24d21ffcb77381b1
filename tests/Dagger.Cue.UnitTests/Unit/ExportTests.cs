namespace Dagger.Cue.UnitTests.Unit;

[TestClass]
public sealed class ExportTests
{
    [TestMethod]
    [DataRow("x: {a: 1, b: 2} & {c: 3}", """{"x":{"a":1,"c":3,"b":2}}""")]
    [DataRow("x: {a: 1, b: 2, o?: 0} & {c: 3}", """{"x":{"a":1,"b":2,"c":3}}""")]
    [DataRow("x: {a: 1, b: 2} & {c: 3, d: 4}", """{"x":{"a":1,"c":3,"b":2,"d":4}}""")]
    [DataRow("x: {c: 3} & {a: 1, b: 2}", """{"x":{"c":3,"a":1,"b":2}}""")]
    [DataRow("#D: {a: int, b: int, ...}\nx1: #D & {c: 3, a: 1, b: 2}", """{"x1":{"c":3,"a":1,"b":2}}""")]
    [DataRow("#D: {a: int, b: int, ...}\nx2: {#D, c: 3, a: 1, b: 2}", """{"x2":{"c":3,"a":1,"b":2}}""")]
    [DataRow("x: *{a: 1, b: 2} | {d: 4}\nx: {c: 3}", """{"x":{"c":3,"a":1,"b":2}}""")]
    [DataRow("a: b & {x: 1}\nb: c & {y: 2}\nc: a & {z: 3}", """{"a":{"z":3,"y":2,"x":1},"b":{"x":1,"z":3,"y":2},"c":{"y":2,"x":1,"z":3}}""")]
    public void FieldOrderFollowsV04(string src, string json) => Assert.AreEqual(json, CueRun.Json(src));

    [TestMethod]
    public void IndentedJsonLikeCueExport()
    {
        var json = Dagger.Runtime.Cue.CueContext.RunWithLargeStack(() => new Dagger.Runtime.Cue.CueContext().Compile("a: {b: [1, {}], c: []}").ToJson());
        Assert.AreEqual("{\n    \"a\": {\n        \"b\": [\n            1,\n            {}\n        ],\n        \"c\": []\n    }\n}", json);
    }

    [TestMethod]
    public void EscapesLikeGo() => Assert.AreEqual("{\"s\":\"\\u003c\\u0026\\u003e\\u0008\\u2028é\"}", CueRun.Json("s: \"<&>\\b\\u2028é\""));

    [TestMethod]
    public void HiddenDefinitionsAndOptionalAreNotExported() => Assert.AreEqual("""{"a":1}""", CueRun.Json("a: 1\n_h: 2\n#d: 3\no?: 4"));

    [TestMethod]
    public void ErrorsInDefinitionsFailExport() => Assert.IsFalse(CueRun.Error("#D: {a: 1 & 2}\nb: 1").Incomplete);

    [TestMethod]
    public void YamlLikeTheReference() => Assert.AreEqual(
        "a: 1\nb:\n  c: x\n  d:\n  - 1\n  - e: 2\n    f:\n    - 3\nh: yes\ni: |-\n  multi\n  line\nj: 1.5E+3\nl:\n- - 1\n  - 2\n- - 3\nn: \"1.5\"\np: 'a: b'\nq: \"true\"\nm: {}\n",
        CueRun.Yaml("a: 1\nb: {c: \"x\", d: [1, {e: 2, f: [3]}]}\nh: \"yes\"\ni: \"multi\\nline\"\nj: 1.5e3\nl: [[1, 2], [3]]\nn: \"1.5\"\np: \"a: b\"\nq: \"true\"\nm: {}"));

    [TestMethod]
    public void EvalPrintsLikeCueFormat()
    {
        const string src = "a: 1\nbbbbbb: {x: 1}\nc: 2\nddddddd: 3\nl: [1, 2]\nf: \"x\"\n#D: {a: int}\n_h: 3\no?: 3\ndis: 1 | 2\ndef: *1 | 2\nn: int\n\"#q\": 1";
        var text = Dagger.Runtime.Cue.CueContext.RunWithLargeStack(() => new Dagger.Runtime.Cue.CueContext().Compile(src).ToCue());
        Assert.AreEqual("a: 1\nbbbbbb: {\n    x: 1\n}\nc:       2\nddddddd: 3\nl: [1, 2]\nf: \"x\"\n#D: {\n    a: int\n}\ndis:  1 | 2\ndef:  1\nn:    int\n\"#q\": 1\n", text);
    }
}
