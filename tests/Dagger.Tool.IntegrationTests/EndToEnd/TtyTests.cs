using System.Diagnostics;
using System.Text.RegularExpressions;
using Dagger.TestRig;

namespace Dagger.Tool.IntegrationTests.EndToEnd;

/// <summary>
/// <c>--log-format tty</c> in a real terminal: tmux runs <c>dagger up</c> in a pane, and what the pane shows is
/// checked while the task runs and after it ends.
/// </summary>
[TestClass]
public sealed partial class TtyTests
{
    private const string Secret = "hunter2-tty-Plaintext";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task The_live_view_shows_a_running_task_then_collapses_it_to_one_line()
    {
        var tmux = Tmux();
        var plan = await PlanFolder.CreateAsync(
            "dagger-tty-",
            """
            package main

            import "alpha.dagger.io/dagger"

            token: dagger.#Secret
            slow: dagger.#Output & {
            	string
            	#up: [
            		{do: "fetch-container", ref: "dagger-test/busybox"},
            		{do: "exec", args: ["sh", "-c", "echo first line; echo token $(cat /run/token); sleep 3; echo second line; printf done > /out"], mount: "/run/token": secret: token, always: true},
            		{do: "export", source: "/out"},
            	]
            }
            """,
            TestContext.CancellationToken);

        var socket = "dagger-tty-" + Guid.NewGuid().ToString("N");
        var dagger = string.Join(' ', ToolUnderTest.Current.Command("up", "-p", plan, "--log-format", "tty", "--input-secret", "token=DAGGER_TTY_TOKEN", "--engine", "docker+" + Rig.Current.Engine.Uri).Select(Quote));
        try
        {
            // The pane stays after the run, for the last capture; the exit code is printed under it.
            await RunAsync(tmux, socket, "new-session", "-d", "-x", "120", "-y", "40", "-s", "dagger", "-e", "DAGGER_TTY_TOKEN=" + Secret, "-e", "NO_COLOR=", $"{dagger}; echo \"exit=$?\"; sleep 600");

            // Under its task's header (whose op, exec sh -c 'echo first line…', is shown too): the lines it printed.
            var running = await CaptureUntilAsync(tmux, socket, s => RunningHeader().IsMatch(s) && s.Contains("\n  token ***\n", StringComparison.Ordinal));
            StringAssert.Contains(running, "\n  first line\n  token ***\n", "the task's lines; the secret's hidden by the engine");
            Assert.DoesNotContain("  second line", running, "captured while the task sleeps");
            Assert.DoesNotContain(Secret, running);
            AssertNoEscapeGarbage(running);

            var ended = await CaptureUntilAsync(tmux, socket, s => s.Contains("exit=", StringComparison.Ordinal));
            StringAssert.Contains(ended, "exit=0", ended);
            StringAssert.Matches(ended, CompletedLine(), "the task collapsed to one line with its time");
            Assert.DoesNotContain("first line", ended, "a completed task's lines (and its op) are not kept on screen");
            Assert.DoesNotMatchRegex(RunningHeader(), ended, "the live region was cleared");
            StringAssert.Contains(ended, "dagger: 1 computed, 0 skipped;");
            StringAssert.Matches(ended, OutputsTable());
            Assert.DoesNotContain(Secret, ended);
            AssertNoEscapeGarbage(ended);
        }
        finally
        {
            await RunAsync(tmux, socket, "kill-server");
        }
    }

    [TestMethod]
    public async Task The_secret_prompt_reads_without_echo_and_the_value_is_stored_encrypted()
    {
        const string Typed = "prompted-S3cret-Plaintext";
        var tmux = Tmux();
        var top = Directory.CreateTempSubdirectory("dagger-prompt-").FullName;
        var project = Path.Combine(top, "project");
        Directory.CreateDirectory(project);
        await File.WriteAllTextAsync(
            Path.Combine(project, "main.cue"),
            "package main\n\nimport \"alpha.dagger.io/dagger\"\n\ntoken: dagger.#Input & dagger.#Secret\n",
            TestContext.CancellationToken);

        var socket = "dagger-prompt-" + Guid.NewGuid().ToString("N");
        var dagger = string.Join(' ', ToolUnderTest.Current.Command().Select(Quote));
        var script = $"cd {Quote(project)} && {dagger} init >/dev/null && {dagger} new ci >/dev/null && {dagger} input secret token; echo \"exit=$?\"; sleep 600";
        try
        {
            // A key of its own: the first secret creates it under this XDG_CONFIG_HOME.
            await RunAsync(tmux, socket, "new-session", "-d", "-x", "120", "-y", "20", "-s", "dagger", "-e", "XDG_CONFIG_HOME=" + Path.Combine(top, "config"), "-e", "HOME=" + top, script);
            // The pane's capture drops the prompt's trailing space.
            await CaptureUntilAsync(tmux, socket, s => s.Contains("Secret:", StringComparison.Ordinal));
            await RunAsync(tmux, socket, "send-keys", "-t", "dagger", "-l", Typed + "x");
            await RunAsync(tmux, socket, "send-keys", "-t", "dagger", "BSpace", "Enter");

            var ended = await CaptureUntilAsync(tmux, socket, s => s.Contains("exit=", StringComparison.Ordinal));
            StringAssert.Contains(ended, "exit=0", ended);
            Assert.DoesNotContain(Typed, ended, "the prompt does not echo what is typed");
            Assert.AreEqual("Secret:", ended.Split('\n').Single(l => l.StartsWith("Secret:", StringComparison.Ordinal)).TrimEnd(), "nor a mask of it");

            var values = await File.ReadAllTextAsync(Path.Combine(project, ".dagger", "env", "ci", "values.yaml"), TestContext.CancellationToken);
            StringAssert.Contains(values, "-----BEGIN AGE ENCRYPTED FILE-----");
            Assert.DoesNotContain(Typed, values);
            Assert.IsTrue(File.Exists(Path.Combine(top, "config", "dagger", "keys.txt")), "the key was made on first use");
        }
        finally
        {
            await RunAsync(tmux, socket, "kill-server");
            Directory.Delete(top, recursive: true);
        }
    }

    private static void AssertNoEscapeGarbage(string screen)
    {
        Assert.DoesNotContain("\u001b", screen);
        Assert.DoesNotMatchRegex(EscapeRemains(), screen, "no escape sequence shows as text");
    }

    private async Task<string> CaptureUntilAsync(string tmux, string socket, Func<string, bool> done)
    {
        var waited = Stopwatch.StartNew();
        var screen = "";
        while (waited.Elapsed < Patience)
        {
            screen = await RunAsync(tmux, socket, "capture-pane", "-p", "-t", "dagger");
            if (done(screen))
            {
                return screen;
            }

            await Task.Delay(100, TestContext.CancellationToken);
        }

        Assert.Fail("the pane never showed what was expected; it shows:\n" + screen);
        return screen;
    }

    private async Task<string> RunAsync(string tmux, string socket, params string[] args)
    {
        // -u: the pane's text is UTF-8 (✔, the spinner), whatever the test's locale.
        var start = new ProcessStartInfo(tmux) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-u", "-L", socket }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["LANG"] = "C.UTF-8";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.CancellationToken);
        var error = await process.StandardError.ReadToEndAsync(TestContext.CancellationToken);
        await process.WaitForExitAsync(TestContext.CancellationToken);
        if (process.ExitCode != 0 && args[0] != "kill-server")
        {
            Assert.Fail($"tmux {string.Join(' ', args)}: exit {process.ExitCode}: {error}");
        }

        return output;
    }

    // tmux is a test dependency (scripts/test installs it): missing on CI it fails the test, elsewhere it skips it.
    private static string Tmux()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "tmux"))
            .FirstOrDefault(File.Exists);
        if (found is null)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail("tmux is not installed (scripts/test installs it)");
            }

            Assert.Inconclusive("tmux is not installed");
        }

        return found!;
    }

    private static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"(?m)^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] slow  \d+\.\ds")]
    private static partial Regex RunningHeader();

    [GeneratedRegex(@"(?m)^✔ slow  \d+\.\ds$")]
    private static partial Regex CompletedLine();

    [GeneratedRegex(@"(?m)^slow\s+""done""$")]
    private static partial Regex OutputsTable();

    [GeneratedRegex(@"\[\d*(;\d+)*[ABJKm]")]
    private static partial Regex EscapeRemains();
}
