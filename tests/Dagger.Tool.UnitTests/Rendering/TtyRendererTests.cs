using System.Text.RegularExpressions;
using Dagger.Runtime.Cue;
using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Events;
using Dagger.Runtime.Engine.Ops;
using Dagger.Runtime.Engine.Runs;
using Dagger.Tool.Rendering;

namespace Dagger.Tool.UnitTests.Rendering;

[TestClass]
public sealed partial class TtyRendererTests : IDisposable
{
    private readonly ManualClock clock = new();
    private readonly StringWriter output = new();

    public void Dispose() => output.Dispose();

    [TestMethod]
    public void A_running_task_shows_its_last_lines_and_how_long_it_has_run()
    {
        using var tty = Renderer();
        tty.Render(At(new TaskStarted("app.build", null)));
        tty.Render(At(new OpStarted(Op("app.build", 1), "exec sh -c make")));
        for (var i = 1; i <= 8; i++)
        {
            tty.Render(At(new TaskLog(Op("app.build", 1), OutputChannel.Stdout, $"compiling file {i}")));
        }

        clock.Advance(TimeSpan.FromSeconds(2.3));
        var lines = Screen().Lines;
        Assert.HasCount(6, lines, Screen().Text);
        Assert.MatchesRegex(SpinnerLine(), lines[0]);
        Assert.EndsWith("app.build  2.3s  exec sh -c make", lines[0]);
        CollectionAssert.AreEqual(new[] { "  compiling file 4", "  compiling file 5", "  compiling file 6", "  compiling file 7", "  compiling file 8" }, lines.Skip(1).ToArray());

        // Redrawn in place: the time goes on, and the task is still shown once.
        clock.Advance(TimeSpan.FromSeconds(1));
        lines = Screen().Lines;
        Assert.HasCount(6, lines, Screen().Text);
        Assert.EndsWith("app.build  3.3s  exec sh -c make", lines[0]);
    }

    [TestMethod]
    public void A_completed_task_collapses_to_one_line_and_a_cached_one_says_so()
    {
        using var tty = Renderer();
        tty.Render(At(new TaskStarted("app.build", null)));
        tty.Render(At(new TaskStarted("app.lint", null)));
        tty.Render(At(new TaskLog(Op("app.build", 1), OutputChannel.Stdout, "compiling")));
        clock.Advance(TimeSpan.FromSeconds(1.2));
        tty.Render(At(new TaskCompleted("app.lint", TimeSpan.FromSeconds(1.2), [], Cached: true)));
        tty.Render(At(new TaskCompleted("app.build", TimeSpan.FromSeconds(1.2), ["app.build"], Cached: false)));
        clock.Advance(TtyRenderer.Interval);

        CollectionAssert.AreEqual(new[] { "✔ app.lint  cached", "✔ app.build  1.2s" }, Screen().Lines.ToArray(), Screen().Text);
    }

    [TestMethod]
    public void A_failed_task_shows_every_line_it_printed_and_its_coded_error()
    {
        using var tty = Renderer();
        tty.Render(At(new TaskStarted("test", null)));
        for (var i = 1; i <= 30; i++)
        {
            tty.Render(At(new TaskLog(Op("test", 1), OutputChannel.Stderr, $"FAIL: Test{i}")));
        }

        clock.Advance(TimeSpan.FromSeconds(0.68));
        var error = new DaggerError(ErrorCodes.ExecFailed, "test.#up[1]: exec sh -c 'go test': exited with code 1", new SourceSpan("main.cue", 9, 3, 11, 4));
        var failed = At(new TaskFailed("test", error, Op("test", 1), 1) { Duration = TimeSpan.FromSeconds(0.68) });
        tty.Render(failed);
        clock.Advance(TtyRenderer.Interval);

        var lines = Screen().Lines;
        Assert.HasCount(32, lines, Screen().Text);
        Assert.AreEqual("✘ test  failed after 0.7s", lines[0]);
        CollectionAssert.AreEqual(Enumerable.Range(1, 30).Select(i => $"  FAIL: Test{i}").ToArray(), lines.Skip(1).Take(30).ToArray());
        Assert.AreEqual("main.cue:9:3: error DAG4001: test.#up[1]: exec sh -c 'go test': exited with code 1", lines[^1]);
        Assert.AreEqual(PlainRenderer.Line(failed), lines[^1], "the error reads as in the plain log");
    }

    [TestMethod]
    public void A_failed_task_that_printed_without_end_shows_its_last_lines_and_says_how_many_went()
    {
        using var tty = Renderer();
        tty.Render(At(new TaskStarted("noisy", null)));
        for (var i = 1; i <= TaskGroup.MaxLines + 3; i++)
        {
            tty.Render(At(new TaskLog(Op("noisy", 1), OutputChannel.Stdout, $"line {i}")));
        }

        tty.Render(At(new TaskFailed("noisy", new DaggerError(ErrorCodes.ExecFailed, "noisy.#up[1]: exited with code 1", null), Op("noisy", 1), 1)));
        clock.Advance(TtyRenderer.Interval);

        var lines = Screen().Lines;
        Assert.HasCount(TaskGroup.MaxLines + 3, lines);
        Assert.AreEqual("✘ noisy  failed", lines[0]);
        Assert.AreEqual("  … 3 earlier lines not kept", lines[1]);
        Assert.AreEqual("  line 4", lines[2]);
        Assert.AreEqual($"  line {TaskGroup.MaxLines + 3}", lines[^2]);
    }

    [TestMethod]
    public void Finished_tasks_stay_above_the_running_ones_and_the_run_ends_with_the_plain_summary()
    {
        using var tty = Renderer();
        tty.Render(At(new TaskStarted("a", null)));
        tty.Render(At(new TaskStarted("b", null)));
        tty.Render(At(new TaskLog(Op("b", 1), OutputChannel.Stdout, "b is working")));
        clock.Advance(TimeSpan.FromSeconds(1));
        tty.Render(At(new TaskCompleted("a", TimeSpan.FromSeconds(1), [], Cached: false)));
        clock.Advance(TtyRenderer.Interval);

        var lines = Screen().Lines;
        Assert.HasCount(3, lines, Screen().Text);
        Assert.AreEqual("✔ a  1.0s", lines[0]);
        Assert.EndsWith(" b  1.1s", lines[1]);
        Assert.AreEqual("  b is working", lines[2]);

        clock.Advance(TimeSpan.FromSeconds(1));
        tty.Render(At(new TaskSkipped("c", new SourceSpan("main.cue", 3, 1, 3, 9), ["c.input"])));
        tty.Render(At(new TaskCompleted("b", TimeSpan.FromSeconds(2.1), [], Cached: false)));
        var completed = At(new RunCompleted(new RunOutcome
        {
            Result = RunResult.Success,
            ExitCode = 0,
            Duration = TimeSpan.FromSeconds(2.5),
            Counts = new RunCounts(3, 2, 1, 0, 0, 2, 1, 1),
        }));
        tty.Render(completed);

        CollectionAssert.AreEqual(
            new[]
            {
                "✔ a  1.0s",
                "○ c  skipped",
                "main.cue:3:1: warning DAG2003: [c] pipeline was partially executed because of missing inputs: c.input",
                "✔ b  2.1s",
                PlainRenderer.Line(completed),
            },
            Screen().Lines.ToArray(),
            Screen().Text);
    }

    [TestMethod]
    public void Events_closer_than_the_interval_are_drawn_together_on_the_next_tick()
    {
        using var tty = Renderer();
        tty.Render(At(new TaskStarted("a", null)));
        var first = output.ToString();
        tty.Render(At(new TaskLog(Op("a", 1), OutputChannel.Stdout, "soon")));
        Assert.AreEqual(first, output.ToString(), "no redraw within the interval");

        clock.Advance(TtyRenderer.Interval);
        CollectionAssert.Contains(Screen().Lines.ToArray(), "  soon");
    }

    [TestMethod]
    public void Without_NO_COLOR_lines_are_colored_and_read_the_same()
    {
        var colored = Run(color: true);
        var plain = Run(color: false);

        Assert.IsGreaterThan(0, colored.Screen.ColorSequences);
        Assert.AreEqual(plain.Screen.Text, colored.Screen.Text);
    }

    [TestMethod]
    public void NO_COLOR_leaves_only_the_cursor_movement_that_redraws()
    {
        var (raw, screen) = Run(color: false);

        Assert.AreEqual(0, screen.ColorSequences);
        var sequences = EscapeSequence().Matches(raw).Select(m => m.Value[^1]).Distinct().Order().ToArray();
        CollectionAssert.AreEqual(new[] { 'A', 'J' }, sequences, "cursor up and clear to the end of the screen, nothing else");
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void Live_lines_are_cut_to_the_terminal_width_without_breaking_escape_sequences(bool color)
    {
        using var tty = Renderer(width: 40, color: color);
        tty.Render(At(new TaskStarted("app.build", null)));
        tty.Render(At(new OpStarted(Op("app.build", 1), "exec sh -c 'a very long command line that goes on and on'")));
        tty.Render(At(new TaskLog(Op("app.build", 1), OutputChannel.Stdout, new string('x', 100))));
        tty.Render(At(new TaskLog(Op("app.build", 1), OutputChannel.Stdout, "日本語のテキストは一文字で二列を使います")));
        clock.Advance(TimeSpan.FromSeconds(1));

        var screen = Screen(width: 40);
        Assert.AreEqual(0, screen.Wraps, screen.Text);
        var lines = screen.Lines;
        Assert.HasCount(3, lines);
        Assert.IsTrue(lines.All(l => l.Length < 40 && l.EndsWith('…')), screen.Text);
        Assert.AreEqual("  " + new string('x', 36) + "…", lines[1]);
        Assert.AreEqual("  日本語のテキストは一文字で二列を使い…", lines[2], "wide characters take two columns: 2 + 18 × 2 + 1 = 39 < 40");
    }

    [TestMethod]
    public void The_live_region_never_grows_taller_than_the_terminal()
    {
        using var tty = Renderer(height: 6);
        for (var i = 0; i < 10; i++)
        {
            tty.Render(At(new TaskStarted($"task{i}", null)));
            tty.Render(At(new TaskLog(Op($"task{i}", 1), OutputChannel.Stdout, "working")));
        }

        clock.Advance(TimeSpan.FromSeconds(1));
        var lines = Screen(height: 6).Lines;
        Assert.HasCount(5, lines, Screen(height: 6).Text);
        Assert.AreEqual("… and 6 more running", lines[^1]);

        for (var i = 0; i < 10; i++)
        {
            tty.Render(At(new TaskCompleted($"task{i}", TimeSpan.FromSeconds(1), [], Cached: false)));
        }

        clock.Advance(TtyRenderer.Interval);
        CollectionAssert.AreEqual(Enumerable.Range(0, 10).Select(i => $"✔ task{i}  1.0s").ToArray(), Screen(height: 6).Lines.ToArray());
    }

    [TestMethod]
    public void A_hidden_secret_is_shown_as_the_engine_hid_it()
    {
        using var tty = Renderer();
        tty.Render(At(new TaskStarted("deploy", null)));
        tty.Render(At(new TaskLog(Op("deploy", 1), OutputChannel.Stdout, "token: ***")));
        clock.Advance(TimeSpan.FromSeconds(1));
        CollectionAssert.Contains(Screen().Lines.ToArray(), "  token: ***");

        tty.Render(At(new TaskFailed("deploy", new DaggerError(ErrorCodes.ExecFailed, "deploy.#up[1]: exec sh -c 'push ***': exited with code 2", null), Op("deploy", 1), 2)));
        clock.Advance(TtyRenderer.Interval);
        var lines = Screen().Lines;
        CollectionAssert.Contains(lines.ToArray(), "  token: ***");
        Assert.AreEqual("dagger: error DAG4001: deploy.#up[1]: exec sh -c 'push ***': exited with code 2", lines[^1]);
    }

    [TestMethod]
    public void A_programs_own_escape_sequences_and_tabs_are_taken_out_of_its_lines()
    {
        using var tty = Renderer();
        tty.Render(At(new TaskStarted("a", null)));
        tty.Render(At(new TaskLog(Op("a", 1), OutputChannel.Stdout, "\u001b[31mred\u001b[0m\tnext\u001b[2K\u0007")));
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.AreEqual("  red     next", Screen().Lines[1]);
    }

    [TestMethod]
    public void Once_disposed_it_draws_no_more()
    {
        var tty = Renderer();
        tty.Render(At(new TaskStarted("a", null)));
        clock.Advance(TimeSpan.FromSeconds(1));
        tty.Dispose();
        var written = output.ToString();

        clock.Advance(TimeSpan.FromSeconds(5));
        tty.Render(At(new TaskLog(Op("a", 1), OutputChannel.Stdout, "late")));
        Assert.AreEqual(written, output.ToString());
    }

    private static (string Raw, VirtualScreen Screen) Run(bool color)
    {
        using var writer = new StringWriter();
        var run = new ManualClock();
        using (var tty = new TtyRenderer(writer, new Terminal(CanRedraw: true, Color: color, () => 80, () => 24), run))
        {
            tty.Render(new TaskStarted("a", null) { Time = run.GetUtcNow() });
            tty.Render(new TaskLog(Op("a", 1), OutputChannel.Stdout, "hello") { Time = run.GetUtcNow() });
            run.Advance(TimeSpan.FromSeconds(1));
            tty.Render(new TaskFailed("a", new DaggerError(ErrorCodes.ExecFailed, "a.#up[1]: exited with code 1", null), Op("a", 1), 1) { Time = run.GetUtcNow() });
            tty.Render(new Diagnostic(new DaggerError(ErrorCodes.Usage, "a warning", null), EventLevel.Warn) { Time = run.GetUtcNow() });
        }

        return (writer.ToString(), new VirtualScreen(80, 24, writer.ToString()));
    }

    private TtyRenderer Renderer(int width = 120, int height = 24, bool color = false) =>
        new(output, new Terminal(CanRedraw: true, Color: color, () => width, () => height), clock);

    private VirtualScreen Screen(int width = 120, int height = 24) => new(width, height, output.ToString());

    private T At<T>(T e)
        where T : RunEvent => e with { Time = clock.GetUtcNow() };

    private static OpSource Op(string task, int index) => new($"{task}.#up[{index}]") { Task = task, Index = index };

    [GeneratedRegex("^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] ")]
    private static partial Regex SpinnerLine();

    [GeneratedRegex("\u001b\\[[0-9;]*[A-Za-z]")]
    private static partial Regex EscapeSequence();
}
