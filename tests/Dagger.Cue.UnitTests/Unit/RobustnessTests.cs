using Dagger.Runtime.Cue;

namespace Dagger.Cue.UnitTests.Unit;

/// <summary>Inputs the fuzz harness (bench/Dagger.Benchmarks fuzz) found, kept as regressions.</summary>
[TestClass]
public sealed class RobustnessTests
{
    [TestMethod]
    public void An_unterminated_multi_line_string_is_reported_where_it_starts()
    {
        var e = Assert.ThrowsExactly<Dagger.Runtime.Cue.Errors.CueEvalException>(() => new CueContext().Compile("a: \"\"\"\nfoo\nbar", "x.cue"));
        StringAssert.Contains(e.Message, "string literal not terminated");
        StringAssert.Contains(e.Message, "x.cue:1:4");
    }

    [TestMethod]
    public void An_unterminated_string_after_several_lines_is_reported_on_its_line()
    {
        var e = Assert.ThrowsExactly<Dagger.Runtime.Cue.Errors.CueEvalException>(() => new CueContext().Compile("a: 1\nb: 2\nc: \"\"\"\n  x\n", "y.cue"));
        StringAssert.Contains(e.Message, "y.cue:3:4");
    }

    [TestMethod]
    [DataRow("x: 99999999999 * [1]\n")]
    [DataRow("x: [...int]\nx: [1]\nx: 99999999999 * x\n")]
    [DataRow("x: \"ab\" * 99999999999\n")]
    public void A_repetition_too_large_to_build_is_an_error_not_a_crash(string source)
    {
        // v0.4 runs out of memory here; the count once overflowed an int.
        var e = Assert.ThrowsExactly<Dagger.Runtime.Cue.Errors.CueEvalException>(() => new CueContext().Compile(source, "r.cue").ToJson(indent: false));
        StringAssert.Contains(e.Message, "x: repetition too large: 99999999999 times");
        StringAssert.Contains(e.Message, "r.cue:");
    }

    [TestMethod]
    public void A_long_chain_of_references_resolves()
    {
        var source = string.Concat(Enumerable.Range(0, 2_000).Select(i => $"a{i}: a{i + 1}\n")) + "a2000: 1\n";
        var value = new CueContext().Compile(source);
        Assert.AreEqual("1", value.LookupPath("a0")!.ToJson(indent: false));
    }

    [TestMethod]
    [DataRow("'\\1a)'", "invalid octal escape")]
    [DataRow("'\\777'", "invalid octal escape")]
    [DataRow("'\\x4'", "invalid escape sequence \\x")]
    [DataRow("'\\xzz'", "invalid escape sequence \\x")]
    [DataRow("\"\\u12\"", "invalid unicode escape")]
    [DataRow("\"\\uD800\"", "invalid unicode escape")]
    public void Bad_escapes_are_syntax_errors_not_crashes(string literal, string message)
    {
        var e = Assert.ThrowsExactly<Dagger.Runtime.Cue.Errors.CueEvalException>(() => new CueContext().Compile("a: " + literal + "\n", "e.cue"));
        StringAssert.Contains(e.Message, message);
        StringAssert.Contains(e.Message, "e.cue:1:4");
    }

    [TestMethod]
    public void A_unicode_escape_cut_short_by_the_end_of_the_string_is_a_syntax_error()
    {
        // Found by the fuzz harness (seed 1, input 52,352): the four hex digits were read past the string's end.
        var e = Assert.ThrowsExactly<Dagger.Runtime.Cue.Errors.CueEvalException>(() => new CueContext().Compile("a: \"\\ufoo\"\n", "u.cue"));
        StringAssert.Contains(e.Message, "invalid unicode escape");
        StringAssert.Contains(e.Message, "u.cue:1:4");
    }

    [TestMethod]
    public void Good_byte_escapes_still_decode()
    {
        Assert.AreEqual("\"QUE=\"", new CueContext().Compile("a: '\\101\\x41'").LookupPath("a")!.ToJson(indent: false));
    }

    [TestMethod]
    public void A_unification_that_re_enters_itself_stops_with_an_error()
    {
        // Conformance case cue/cycle/023_reentrance with fib(n) defined through fib(n) itself: v0.4 reports a
        // structural cycle; we must stop rather than loop.
        const string source = """
            fibRec: {nn: int, out: (fib & {n: nn}).out}
            fib: {
            	n: int
            	if n >= 2 {
            		out: (fibRec & {nn: n}).out
            	}
            	if n < 2 {
            		out: n
            	}
            }
            fib7: (fib & {n: 7}).out
            """;
        var e = Assert.ThrowsExactly<Dagger.Runtime.Cue.Errors.CueEvalException>(() => new CueContext().Compile(source).ToJson());
        Assert.IsFalse(e.Incomplete);
    }
}
