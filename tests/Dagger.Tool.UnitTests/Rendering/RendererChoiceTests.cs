using System.CommandLine;
using Dagger.Tool.Commands;
using Dagger.Tool.Rendering;

namespace Dagger.Tool.UnitTests.Rendering;

[TestClass]
public sealed class RendererChoiceTests
{
    private static readonly Terminal Redraws = new(CanRedraw: true, Color: true, () => 80, () => 24);
    private static readonly Terminal Dumb = new(CanRedraw: false, Color: true, () => 80, () => 24);

    [TestMethod]
    [DataRow("auto", "redirected", typeof(JsonRenderer))]
    [DataRow("auto", "dumb", typeof(PlainRenderer))]
    [DataRow("auto", "terminal", typeof(TtyRenderer))]
    [DataRow("tty", "terminal", typeof(TtyRenderer))]
    [DataRow("tty", "dumb", typeof(PlainRenderer))]
    [DataRow("tty", "redirected", typeof(PlainRenderer))]
    [DataRow("plain", "terminal", typeof(PlainRenderer))]
    [DataRow("json", "terminal", typeof(JsonRenderer))]
    public void The_log_format_and_the_terminal_choose_the_renderer(string format, string stderr, Type expected)
    {
        var options = new RunOptions();
        var command = new Command("up");
        options.AddTo(command);
        var parse = command.Parse(["--log-format", format]);
        var terminal = stderr switch
        {
            "terminal" => Redraws,
            "dumb" => Dumb,
            _ => null,
        };

        using var writer = new StringWriter();
        using var renderer = options.Renderer(parse, writer, terminal);
        Assert.IsInstanceOfType(renderer, expected);
    }

    [TestMethod]
    public async Task A_tty_asked_for_in_process_is_the_plain_log_without_escape_sequences()
    {
        // In-process, stderr is a writer of the caller's and no terminal: nothing to redraw.
        var plan = Path.Combine(Path.GetTempPath(), "dagger-no-such-plan");
        var (code, _, error) = await DaggerRun.RunAsync("up", "-p", plan, "--log-format", "tty");
        Assert.AreEqual(1, code, error);
        Assert.AreEqual($"dagger: error DAG2008: plan directory {plan} does not exist\n", error.ReplaceLineEndings("\n"));
    }
}
