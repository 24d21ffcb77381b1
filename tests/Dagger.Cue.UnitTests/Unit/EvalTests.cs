namespace Dagger.Cue.UnitTests.Unit;

[TestClass]
public sealed class EvalTests
{
    [TestMethod]
    public void UnifiesScalarsStructsAndLists() =>
        Assert.AreEqual("""{"a":1,"b":{"x":1,"y":"s"},"c":[1,2]}""", CueRun.Json("a: int & 1\nb: {x: 1} & {y: string} & {y: \"s\"}\nc: [1, ...int] & [int, 2]"));

    [TestMethod]
    public void ConflictIsAnError()
    {
        var e = CueRun.Error("a: 1 & 2");
        Assert.IsFalse(e.Incomplete);
        StringAssert.Contains(e.Message, "a: conflicting values 2 and 1");
    }

    [TestMethod]
    public void IntAndFloatStayDistinct()
    {
        Assert.AreEqual("""{"a":7.0,"b":2,"c":2.0,"d":2.5}""", CueRun.Json("a: 7.0\nb: 6 / 3\nc: 2 * 1.0\nd: 10 / 4"));
        Assert.IsFalse(CueRun.Error("a: int & 1.0").Incomplete);
    }

    [TestMethod]
    public void ArithmeticRoundsTo24Digits() =>
        Assert.AreEqual("""{"a":3.33333333333333333333333,"b":1.00000000000000000000000E+29}""", CueRun.Json("a: 10 / 3\nb: 100000000000000000000000000001 + 1"));

    [TestMethod]
    public void NonConcreteIsIncomplete()
    {
        var e = CueRun.Error("a: int");
        Assert.IsTrue(e.Incomplete);
        StringAssert.Contains(e.Message, "a: incomplete value int");
    }

    [TestMethod]
    public void BoundsAndRegex()
    {
        Assert.AreEqual("""{"a":5,"b":"abc"}""", CueRun.Json("a: >=1 & <10 & 5\nb: =~\"^a\" & \"abc\""));
        StringAssert.Contains(CueRun.Error("a: <3 & 5").Message, "out of bound <3");
        Assert.AreEqual("""{"a":1}""", CueRun.Json("a: int & >=1 & <=1"));
    }

    [TestMethod]
    [DataRow("a: *1 | 2", """{"a":1}""")]
    [DataRow("a: (*1 | 2) & (1 | 2 | 3)", """{"a":1}""")]
    [DataRow("a: *1 | (*2 | 3)", """{"a":1}""")]
    [DataRow("a: 1 | (*2 | 3)", """{"a":2}""")]
    [DataRow("a: (*\"a\" | *\"b\" | \"c\") & \"b\"", """{"a":"b"}""")]
    [DataRow("a: [...int] | *[1, 2]", """{"a":[1,2]}""")]
    [DataRow("a: {b: a} | null", """{"a":null}""")]
    // v0.4: a disjunction whose marked terms all died counts as unmarked (checked against the reference CUE).
    [DataRow("a: (*3.75 | float) & (*0.1 | 1.5)", """{"a":0.1}""")]
    [DataRow("e: {g: *\"a\" | string}, e: {g: \"b\" | *\"b\" | string}", """{"e":{"g":"a"}}""")]
    [DataRow("a: (*1 | 2 | 3) & (*2 | 3)", """{"a":2}""")]
    [DataRow("s: (3 | (*1 | 2)) & (1 | 2)", """{"s":1}""")]
    [DataRow("r: (3 | *(*1 | 2)) & (1 | 2 | 3)", """{"r":1}""")]
    public void DisjunctionDefaults(string src, string json) => Assert.AreEqual(json, CueRun.Json(src));

    [TestMethod]
    [DataRow("a: (*1 | 2 | 3) & >=2")]
    [DataRow("a: (*1 | 2) | (*3 | 4)")]
    [DataRow("a: 1 | 2")]
    [DataRow("r: (*3 | (*1 | 2)) & (1 | 2)")]
    public void AmbiguousDisjunctionIsIncomplete(string src) => Assert.IsTrue(CueRun.Error(src).Incomplete);

    [TestMethod]
    public void MarkedButNoSurvivingDefaultFails()
    {
        var e = CueRun.Error("a: (*1 | 2) & (1 | *2 | 3)");
        Assert.IsTrue(e.Incomplete);
        StringAssert.StartsWith(e.Message, "a: no default");
    }

    [TestMethod]
    public void DefinitionsAreClosed()
    {
        StringAssert.Contains(CueRun.Error("#A: {a: int}\nx: #A & {b: 1}").Message, "x: field b not allowed (closed by #A)");
        Assert.AreEqual("""{"x":{"c":1,"a":1}}""", CueRun.Json("#A: {a: int}\nx: {#A, c: 1, a: 1}"));
        Assert.AreEqual("""{"x":{"b":1}}""", CueRun.Json("#A: {a: int} | {b: int}\nx: #A & {b: 1}"));
        // A literal that embeds a literal embedding a definition may add its own fields; unifying may not (v0.4).
        Assert.AreEqual("""{"p":{"y":1},"d":{"spec":1,"y":1}}""", CueRun.Json("#S: {y: 1}\np: {#S}\nd: {p, spec: 1}"));
        StringAssert.Contains(CueRun.Error("#S: {y: 1}\np: {#S}\nd: p & {spec: 1}").Message, "d: field spec not allowed");
    }

    [TestMethod]
    public void ReferencesToFinishedScalarsShareTheirValue()
    {
        var chain = string.Join("\n", Enumerable.Range(1, 3000).Select(i => $"a{i}: a{i - 1}").Prepend("a0: \"v\" @tag(x)"));
        var v = new Dagger.Runtime.Cue.CueContext().Compile(chain);
        Assert.AreEqual("v", v.LookupPath("a2999")!.TryGetString(out var s) ? s : null);
        Assert.AreEqual("""{"a":1,"b":1,"c":2}""", CueRun.Json("a: *1 | 2\nb: a\nc: b & 2"));
        StringAssert.Contains(CueRun.Error("a: 1\nb: a\nc: b & int\nd: c & 2").Message, "d: conflicting values");
    }

    [TestMethod]
    public void AFieldMayHoldAFunctionToCall()
    {
        Assert.AreEqual("""{"x":"A"}""", CueRun.Json("import \"strings\"\n_upper: strings.ToUpper\nx: _upper(\"a\")"));
        var e = CueRun.Error("import \"strings\"\nupper: strings.ToUpper\nx: upper(\"a\")");
        StringAssert.Contains(e.Message, "upper: cannot convert value \"strings.ToUpper\" of type *adt.Builtin to JSON");
        Assert.IsFalse(e.Incomplete);
    }

    [TestMethod]
    public void EmbeddingsComeBeforeTheFieldsOfTheirLiteral()
    {
        // v0.4 unifies a literal's embeddings before inserting its fields: `for` visits the embedded arcs first,
        // and an arc's conjuncts from the embedding come first in its export order.
        Assert.AreEqual(
            """{"r":{"c":24,"b":7,"a":false},"s":{"a_c":false,"b_c":7,"c_c":24}}""",
            CueRun.Json("#B: {a: bool, b: int}\nr: {c: 24, #B, b: 7, a: false}\ns: {for k, v in r {\"\\(k)_c\": v}}"));
        Assert.AreEqual("""{"f":{"n":{"d":11,"y":false}}}""", CueRun.Json("#I: {n: {d: int, y: bool}}\nf: {n: {y: false, d: 11}, #I}"));
        Assert.AreEqual("""{"x":{"a":1,"z":2}}""", CueRun.Json("#A: {a: int, ...}\nx: #A & {a: 1, z: 2}"));
        StringAssert.Contains(CueRun.Error("#T: [string]: {a: 1}\nt: #T & {x: {b: 2}}").Message, "t.x: field b not allowed (closed by #T)");
    }

    [TestMethod]
    public void CloseIsOneLevel()
    {
        Assert.AreEqual("""{"x":{"a":{"b":1,"c":2}}}""", CueRun.Json("x: close({a: {b: 1}}) & {a: {c: 2}}"));
        StringAssert.Contains(CueRun.Error("x: close({a: 1}) & {b: 2}").Message, "x: field b not allowed");
    }

    [TestMethod]
    public void ReferencesAreLexical()
    {
        Assert.AreEqual("""{"x":{"a":3,"b":6}}""", CueRun.Json("#D: {a: int, b: a * 2}\nx: #D & {a: 3}"));
        Assert.AreEqual("""{"v":{"p":1,"r":2,"q":3}}""", CueRun.Json("v: V={p: 1, q: len(V)}\nv: {r: 2}"));
        StringAssert.Contains(CueRun.Error("x: {a: 1}\nx: {b: a}").Message, "reference \"a\" not found");
    }

    [TestMethod]
    public void LetAliasesAndPatterns()
    {
        Assert.AreEqual("""{"a":{"x":{"v":1,"name":"x"}},"b":2}""", CueRun.Json("a: [N=string]: {name: N}\na: x: v: 1\nlet y = 2\nb: y"));
    }

    [TestMethod]
    public void PatternValuesLandAfterFieldValues() =>
        Assert.AreEqual("""{"x":{"b":2,"a":1}}""", CueRun.Json("[string]: {a: 1}\nx: {b: 2}"));

    [TestMethod]
    public void Comprehensions()
    {
        Assert.AreEqual("""{"l":[4,6],"s":{"z":0,"x":1,"a":3,"y":2}}""", CueRun.Json("l: [for x in [1, 2, 3] if x > 1 let y = x * 2 {y}]\ns: {z: 0, for k, v in {x: 1, y: 2} {\"\\(k)\": v}, a: 3}"));
        Assert.AreEqual("""{"x":{"a":1,"c":3,"b":2},"k":["a","b","c"]}""", CueRun.Json("x: {a: 1, b: 2} & {c: 3}\nk: [for k, _ in x {k}]"));
    }

    [TestMethod]
    public void ReferenceCycles()
    {
        Assert.AreEqual("""{"a":1,"b":1}""", CueRun.Json("a: b\nb: a\na: 1"));
        Assert.AreEqual("""{"x":{"a":200,"b":100}}""", CueRun.Json("x: {a: b + 100, b: a - 100} & {a: 200}"));
        Assert.IsTrue(CueRun.Error("a: b\nb: a").Incomplete);
    }

    [TestMethod]
    public void StructuralCyclesAreErrors()
    {
        var e = CueRun.Error("a: c: a");
        Assert.IsFalse(e.Incomplete);
        StringAssert.Contains(e.Message, "structural cycle");
        Assert.AreEqual("""{"x":{"head":1,"tail":null}}""", CueRun.Json("#L: {head: int, tail: #L | *null}\nx: #L & {head: 1}"));
    }

    [TestMethod]
    public void BottomComparisons() =>
        Assert.AreEqual("""{"o":{"a":1},"t":false,"u":true,"w":true}""", CueRun.Json("o: {a: 1, b?: int}\nt: o.a == _|_\nu: o.b == _|_\nw: o.c == _|_"));

    [TestMethod]
    public void OptionalFieldReferenceIsIncomplete() => Assert.IsTrue(CueRun.Error("o: {a?: 1}\nb: o.a").Incomplete);

    [TestMethod]
    public void ListIndexAndSlices() =>
        Assert.AreEqual("""{"l":[1,2,3],"a":2,"b":[2,3],"c":"bc"}""", CueRun.Json("l: [1, 2, 3]\na: l[1]\nb: l[1:]\nc: \"abc\"[1:]"));

    [TestMethod]
    public void IncompatibleListLengths() => StringAssert.Contains(CueRun.Error("a: [1] & [1, 2]").Message, "incompatible list lengths (1 and 2)");

    [TestMethod]
    public void InterpolationUsesExportNumberText() => Assert.AreEqual("""{"a":"1.5E+3 true"}""", CueRun.Json("a: \"\\(1.5e3) \\(true)\""));

    [TestMethod]
    public void PathologicalNestingGivesCleanError()
    {
        var src = string.Concat(Enumerable.Repeat("a: ", 3000)) + "1";
        var e = CueRun.Error(src);
        StringAssert.Contains(e.Message, "too deep");
    }

    [TestMethod]
    public void DeepInputOnAnOrdinaryThreadFailsCleanly()
    {
        // No large stack here: the evaluator must stop before the thread's stack runs out.
        var deepFields = string.Concat(Enumerable.Repeat("a: ", 5000)) + "1";
        var e1 = Assert.ThrowsExactly<Dagger.Runtime.Cue.Errors.CueEvalException>(() => new Dagger.Runtime.Cue.CueContext().Compile(deepFields).ToJson());
        StringAssert.Contains(e1.Message, "too deep");
        var deepList = new string('[', 5000) + new string(']', 5000);
        var e2 = Assert.ThrowsExactly<Dagger.Runtime.Cue.Errors.CueEvalException>(() => new Dagger.Runtime.Cue.CueContext().Compile("a: " + deepList).ToJson());
        StringAssert.Contains(e2.Message, "nested too deeply");
    }
}
