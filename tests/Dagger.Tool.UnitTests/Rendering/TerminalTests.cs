using Dagger.Tool.Rendering;

namespace Dagger.Tool.UnitTests.Rendering;

[TestClass]
public sealed class TerminalTests
{
    [TestMethod]
    [DataRow("xterm-256color", true)]
    [DataRow("screen", true)]
    [DataRow("dumb", false)]
    [DataRow("", false)]
    [DataRow(null, false)]
    public void A_terminal_redraws_unless_TERM_is_dumb_or_unset(string? term, bool redraws) =>
        Assert.AreEqual(redraws, Terminal.Of(Variables(("TERM", term))).CanRedraw);

    [TestMethod]
    [DataRow(null, true)]
    [DataRow("", true)]
    [DataRow("1", false)]
    [DataRow("0", false)]
    public void Any_NO_COLOR_but_an_empty_one_turns_colors_off(string? noColor, bool color) =>
        Assert.AreEqual(color, Terminal.Of(Variables(("TERM", "xterm"), ("NO_COLOR", noColor))).Color);

    private static Func<string, string?> Variables(params (string Name, string? Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;
}
