using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Dagger.TestRig;

namespace Dagger.Tool.UnitTests.Faults;

/// <summary>An engine that accepts connections and never answers: every command that connects ends, with DAG3001.</summary>
[TestClass]
public sealed class EngineTimeoutTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task A_run_on_an_engine_that_never_answers_fails_with_DAG3001_after_the_timeout()
    {
        using var engine = new BlackHoleEngine();
        var clock = Stopwatch.StartNew();

        var (code, _, err) = await DaggerRun.RunAsync(
            "up", "-p", Path.Combine(RepoPaths.RepoRoot, "examples", "hello"), "--engine", "docker+unix://" + engine.Path,
            "--engine-timeout", "1.5", "--log-format", "json");

        clock.Stop();
        Assert.AreEqual(1, code, err);
        Assert.IsGreaterThan(0, engine.Accepted, "the tool reached the engine's socket");
        var events = err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        var completed = events[^1];
        Assert.AreEqual("run.completed", completed.GetProperty("event").GetString(), err);
        var error = completed.GetProperty("error");
        Assert.AreEqual("DAG3001", error.GetProperty("code").GetString());
        StringAssert.Contains(error.GetProperty("message").GetString(), $"the engine at unix://{engine.Path} did not answer within 1.5 s");
        StringAssert.Contains(error.GetProperty("message").GetString(), "--engine-timeout");
        Assert.IsLessThan(30, clock.Elapsed.TotalSeconds, "bounded by the timeout, not by the test's");
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Engine_info_on_an_engine_that_never_answers_fails_with_DAG3001()
    {
        using var engine = new BlackHoleEngine();

        var (code, _, err) = await DaggerRun.RunAsync("engine", "info", "--engine", "unix://" + engine.Path, "--engine-timeout", "1");

        Assert.AreEqual(1, code, err);
        StringAssert.Contains(err, "DAG3001");
        StringAssert.Contains(err, "did not answer within 1 s");
    }

    [TestMethod]
    [DataRow("0")]
    [DataRow("-3")]
    [DataRow("forever")]
    public async Task An_engine_timeout_that_is_not_a_positive_number_is_a_usage_error(string value)
    {
        var (code, _, err) = await DaggerRun.RunAsync("up", "-p", Path.Combine(RepoPaths.RepoRoot, "examples", "hello"), $"--engine-timeout={value}");

        Assert.AreEqual(2, code, err);
        StringAssert.Contains(err, "--engine-timeout");
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task An_interrupt_while_waiting_for_the_engine_ends_the_run_as_cancelled()
    {
        using var engine = new BlackHoleEngine();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "dagger.dll"), "up", "-p", Path.Combine(RepoPaths.RepoRoot, "examples", "hello"),
            "--engine", "docker+unix://" + engine.Path, "--log-format", "json",
        })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.CancellationToken);
        while (engine.Accepted == 0)
        {
            await Task.Delay(50, TestContext.CancellationToken);
        }

        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.CancellationToken);
        }

        var lines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        await process.WaitForExitAsync(TestContext.CancellationToken);

        Assert.AreEqual(130, process.ExitCode, string.Join("\n", lines));
        var completed = JsonDocument.Parse(lines[^1]).RootElement;
        Assert.AreEqual("cancelled", completed.GetProperty("result").GetString(), lines[^1]);
        Assert.DoesNotContain("DAG9001", string.Join("\n", lines), "a cancelled connection is not an internal error");
    }
}
