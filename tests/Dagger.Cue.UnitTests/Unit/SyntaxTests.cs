using Dagger.Runtime.Cue.Syntax;

namespace Dagger.Cue.UnitTests.Unit;

[TestClass]
public sealed class SyntaxTests
{
    [TestMethod]
    [DataRow("a: 1_000", """{"a":1000}""")]
    [DataRow("a: 0x_FF", """{"a":255}""")]
    [DataRow("a: 0o17", """{"a":15}""")]
    [DataRow("a: 0b101", """{"a":5}""")]
    [DataRow("a: 1Ki", """{"a":1024}""")]
    [DataRow("a: 1.5M", """{"a":1500000}""")]
    [DataRow("a: 0.5Ki", """{"a":512}""")]
    [DataRow("a: 1.5e3", """{"a":1.5E+3}""")]
    [DataRow("a: 5.", """{"a":5}""")]
    [DataRow("a: 1500.0", """{"a":1500.0}""")]
    public void NumberLiterals(string src, string json) => Assert.AreEqual(json, CueRun.Json(src));

    [TestMethod]
    public void StringForms()
    {
        const string src = """"
            a: #"raw \n"#
            b: 'bytes'
            c: "tab\tq\"<>&"
            d: ###"x"###
            e: #"int \#(1+1)"#
            m: """
                line1
                  line2
                """
            """";
        Assert.AreEqual("""{"a":"raw \\n","b":"Ynl0ZXM=","c":"tab\tq\"\u003c\u003e\u0026","d":"x","e":"int 2","m":"line1\n  line2"}""", CueRun.Json(src));
    }

    // A string inside an interpolation may interpolate in turn, with escaped quotes at any depth.
    [TestMethod]
    [DataRow("x: \"\\(\"\\(\"q\\\"q\")\")\"", """{"x":"q\"q"}""")]
    [DataRow("c: 8\nx: \"v-\\(c)\\(\"v-\\(1.50)/\\(\"quote\\\"q\")\")\"", """{"c":8,"x":"v-8v-1.50/quote\"q"}""")]
    [DataRow("x: \"\\(#\"a\\#(1)\"#)\"", """{"x":"a1"}""")]
    [DataRow("#d: 3\nx: \"(\\(#d + 1))\"", """{"x":"(4)"}""")]
    public void NestedInterpolations(string src, string json) => Assert.AreEqual(json, CueRun.Json(src));

    [TestMethod]
    public void OperatorPrecedence()
    {
        Assert.AreEqual("""{"a":7,"b":true,"c":false,"d":9}""", CueRun.Json("a: 1 + 2 * 3\nb: 1 < 2 && 2 < 3 || false\nc: !true\nd: (1 + 2) * 3"));
    }

    [TestMethod]
    public void IntegerOperators()
    {
        Assert.AreEqual("""{"a":-4,"b":1,"c":-3,"d":-1,"e":-3,"f":1}""", CueRun.Json("a: -7 div 2\nb: -7 mod 2\nc: -7 quo 2\nd: -7 rem 2\ne: div(7, -2)\nf: mod(7, -2)"));
    }

    [TestMethod]
    public void HalfASurrogatePairIsAnIllegalCharacterNotACrash()
    {
        // Found by the fuzz harness: a lone surrogate in a string literal threw ArgumentOutOfRangeException.
        var e = Assert.ThrowsExactly<CueSyntaxException>(() => Parser.ParseFile("s.cue", "a: 1\nb: \"x\uD800y\""));
        StringAssert.StartsWith(e.Message, "illegal character U+D800");
        Assert.AreEqual(new Pos("s.cue", 2, 6), e.Pos);
        Assert.AreEqual(1, Parser.ParseFile("p.cue", "a: \"\uD83D\uDE00\"").Root.Decls.Count, "a whole pair is a character");
    }

    [TestMethod]
    public void ErrorsCarryPositions()
    {
        var e = Assert.ThrowsExactly<CueSyntaxException>(() => Parser.ParseFile("x.cue", "a: 1\nb: [1, 2\nc: 3"));
        Assert.AreEqual("x.cue", e.Pos.File);
        Assert.AreEqual(3, e.Pos.Line);
        StringAssert.StartsWith(e.Message, "missing ',' before newline in list literal");
        var e2 = Assert.ThrowsExactly<CueSyntaxException>(() => Parser.ParseFile("y.cue", "a: 017"));
        StringAssert.StartsWith(e2.Message, "illegal integer number");
        Assert.AreEqual(new Pos("y.cue", 1, 4), e2.Pos);
    }

    [TestMethod]
    public void LabelsOfEveryKind()
    {
        const string src = """
            a: 1
            "b-c": 2
            #d: 3
            _e: 4
            _#f: 5
            g?: 6
            [string]: int
            ("h"): 7
            "\("i")": 8
            """;
        Assert.AreEqual("""{"a":1,"b-c":2,"h":7,"i":8}""", CueRun.Json(src));
    }

    [TestMethod]
    public void DeprecatedDefinitionSyntaxIsRejectedLikeV04()
    {
        var e = Assert.ThrowsExactly<CueSyntaxException>(() => Parser.ParseFile("d.cue", "A :: {x: int}"));
        StringAssert.StartsWith(e.Message, "use of deprecated '::'");
        Assert.AreEqual(new Pos("d.cue", 1, 3), e.Pos);
    }

    [TestMethod]
    public void FrontStyleCommas() => Assert.AreEqual("""{"a":{"k":"v"}}""", CueRun.Json("a\n: { \"k\": \"v\"\n}"));

    [TestMethod]
    [DataRow(10)]
    [DataRow(2048)]
    [DataRow(5000)]
    public void TokenListKeepsOrderAcrossItsChunks(int count)
    {
        var list = new TokenList();
        for (var i = 0; i < count; i++)
        {
            list.Add(new Token(Tok.Ident, "t" + i, new Pos("f.cue", i + 1, 1), i));
        }

        Assert.AreEqual(count, list.Count);
        for (var i = 0; i < count; i++)
        {
            Assert.AreEqual("t" + i, list[i].Text);
            Assert.AreEqual(i, list[i].Offset);
        }
    }

    [TestMethod]
    public void LargeSourcesParseWithEveryTokenInPlace()
    {
        // Far more tokens than the token list's first part holds.
        var src = string.Join("\n", Enumerable.Range(0, 3000).Select(i => $"f{i}: \"v{i}\" + \"\\(\"x\")\""));
        var json = CueRun.Json(src);
        StringAssert.StartsWith(json, "{\"f0\":\"v0x\",\"f1\":\"v1x\"");
        StringAssert.EndsWith(json, "\"f2999\":\"v2999x\"}");
    }

    [TestMethod]
    [DataRow("a: \"plain\"", "{\"a\":\"plain\"}")]
    [DataRow("a: \"\"", "{\"a\":\"\"}")]
    [DataRow("a: \"h\\u00e9\"", "{\"a\":\"h\u00e9\"}")]
    [DataRow("a: \"é ü\"", "{\"a\":\"é ü\"}")]
    [DataRow("a: 'plain'", "{\"a\":\"cGxhaW4=\"}")]
    [DataRow("a: #\"no \\escape\"#", "{\"a\":\"no \\\\escape\"}")]
    public void PlainAndEscapedStringLiterals(string src, string json) => Assert.AreEqual(json, CueRun.Json(src));
}
