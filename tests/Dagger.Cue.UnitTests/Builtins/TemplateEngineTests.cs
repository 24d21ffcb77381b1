using Dagger.Runtime.Cue.Builtins.Template;
using Dagger.Runtime.Cue.Core;

namespace Dagger.Cue.UnitTests.Builtins;

/// <summary>
/// Error paths of the text/template engine that one line of CUE cannot reach or the reference cannot survive:
/// nesting deep enough to exhaust a stack, and unbounded template recursion.
/// </summary>
[TestClass]
public sealed class TemplateEngineTests
{
    [TestMethod]
    public void Deeply_nested_parentheses_fail_cleanly()
    {
        var text = "{{" + new string('(', 200_000) + "1" + new string(')', 200_000) + "}}";
        var e = Assert.ThrowsExactly<BuiltinException>(() => Executor.Execute(text, null));
        StringAssert.StartsWith(e.Message, "template: :1: ");
    }

    [TestMethod]
    public void Deeply_nested_ifs_fail_cleanly_or_run()
    {
        const int depth = 100_000;
        var text = string.Concat(Enumerable.Repeat("{{if 1}}", depth)) + "x" + string.Concat(Enumerable.Repeat("{{end}}", depth));
        try
        {
            Assert.AreEqual("x", Executor.Execute(text, null));
        }
        catch (BuiltinException e)
        {
            StringAssert.StartsWith(e.Message, "template: :1");
        }
    }

    [TestMethod]
    public void Unbounded_template_recursion_reports_the_depth_limit()
    {
        var e = Assert.ThrowsExactly<BuiltinException>(() =>
            Executor.Execute("{{define \"a\"}}{{template \"a\"}}{{end}}{{template \"a\"}}", null));
        StringAssert.Contains(e.Message, "executing \"a\" at <{{template \"a\"}}>: exceeded maximum template depth (100000)");
    }

    [TestMethod]
    public void Nested_ranges_see_the_root_through_dollar()
    {
        var data = new GoMap([
            new("a", new GoList([1L, 2L], 2)),
            new("b", new GoList(["x", "y"], 2)),
        ]);
        Assert.AreEqual("1x1y2x2y", Executor.Execute("{{range $n := .a}}{{range $.b}}{{$n}}{{.}}{{end}}{{end}}", data));
    }

    [TestMethod]
    public void Printf_formats_floats_like_go()
    {
        Assert.AreEqual("2 0.12 1e+06 1.234568e+05 100000", GoFormat.Sprintf("%.0f %.2f %v %e %v", [2.5, 0.125, 1e6, 123456.789, 100000.0]));
    }
}
