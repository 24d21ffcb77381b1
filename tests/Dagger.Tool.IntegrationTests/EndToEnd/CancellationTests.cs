using System.Diagnostics;
using System.Text.Json;
using Dagger.TestRig;

namespace Dagger.Tool.IntegrationTests.EndToEnd;

/// <summary>Ctrl-C stops a run: the engine's solve is cancelled, and the tool says so and exits 130.</summary>
// Alone: the BuildKit of Debian's docker.io 20.10 can panic ("failed to get edge") when a solve is cancelled while
// another session's solve shares its vertices, which takes the engine down for every other test.
[TestClass]
[DoNotParallelize]
public sealed class CancellationTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task An_interrupt_during_a_solve_ends_the_run_as_cancelled_within_seconds()
    {
        var plan = await PlanFolder.CreateAsync(
            "dagger-cancel-",
            "package main\n\nslow: #up: [\n\t{do: \"fetch-container\", ref: \"dagger-test/busybox\"},\n\t{do: \"exec\", args: [\"sh\", \"-c\", \"echo started; sleep 123\"], always: true},\n]\n",
            TestContext.CancellationToken);

        var start = ToolUnderTest.Current.StartInfo("up", "-p", plan, "--log-format", "json", "--engine", "docker+" + Rig.Current.Engine.Uri);
        using var process = Process.Start(start)!;
        var lines = new List<string>();
        string? line;
        while ((line = await process.StandardError.ReadLineAsync(TestContext.CancellationToken)) is not null)
        {
            lines.Add(line);
            if (line.Contains("\"event\":\"task.log\"", StringComparison.Ordinal) && line.Contains("started", StringComparison.Ordinal))
            {
                break;
            }
        }

        Assert.IsNotNull(line, "the exec started: " + string.Join("\n", lines));
        await EngineProcesses.WaitPresentAsync(TimeSpan.FromSeconds(10), TestContext.CancellationToken, "sleep", "123");
        var layer = EngineMounts.RootLayer(EngineProcesses.Find("sleep", "123")[0]);
        Assert.IsNotNull(layer, "the exec runs on an overlay root filesystem");
        Assert.IsNotEmpty(EngineMounts.MountedWith(layer), "the exec's root filesystem is mounted on this machine");
        var interrupted = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.CancellationToken);
        }

        lines.AddRange((await process.StandardError.ReadToEndAsync(TestContext.CancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        await process.WaitForExitAsync(TestContext.CancellationToken);
        interrupted.Stop();

        Assert.AreEqual(130, process.ExitCode, string.Join("\n", lines));
        TestContext.WriteLine($"exited {interrupted.Elapsed.TotalSeconds:0.00} s after the interrupt");
        Assert.IsLessThan(5, interrupted.Elapsed.TotalSeconds, "the run stops within 5 s, not when the command ends");
        EventContract.Require(lines);
        var events = lines.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        var cancelled = events.Single(e => e.GetProperty("event").GetString() == "task.cancelled");
        Assert.AreEqual("slow", cancelled.GetProperty("task").GetString());
        var completed = events[^1];
        Assert.AreEqual("run.completed", completed.GetProperty("event").GetString(), string.Join("\n", lines));
        Assert.AreEqual("cancelled", completed.GetProperty("result").GetString());
        Assert.AreEqual("DAG4004", completed.GetProperty("error").GetProperty("code").GetString());
        Assert.AreEqual(130, completed.GetProperty("exitCode").GetInt32());

        // 123: no other test sleeps that long. The container went with the solve: its process is gone from the engine, not left to sleep out its time.
        var gone = await EngineProcesses.WaitGoneAsync(TimeSpan.FromSeconds(20), TestContext.CancellationToken, "sleep", "123");
        TestContext.WriteLine($"the exec's process was gone {gone.TotalSeconds:0.0} s after the run ended");
        var unmounted = await EngineMounts.WaitGoneAsync(layer, TimeSpan.FromSeconds(20), TestContext.CancellationToken);
        TestContext.WriteLine($"and its root filesystem unmounted {unmounted.TotalSeconds:0.0} s later");
    }
}
