using System.Diagnostics;
using System.Globalization;

namespace Dagger.Tool.UnitTests.Faults;

/// <summary>Work that cannot observe cancellation does not outlive an interrupt: the process ends 130 after a grace period.</summary>
[TestClass]
public sealed class InterruptGraceTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task A_terminate_signal_ends_a_long_evaluation_with_130_after_the_grace_period()
    {
        // A comprehension of 36 million steps that yields nothing: legitimate work, far longer than the test, that
        // the evaluator does not interrupt (it observes no cancellation token).
        var folder = Directory.CreateTempSubdirectory("dagger-grace-").FullName;
        const string source = "import \"list\"\n\n_l: list.Range(0, 6000, 1)\nx: [for a in _l for b in _l if a*b < 0 {a}]\n";
        await File.WriteAllTextAsync(Path.Combine(folder, "loop.cue"), source, TestContext.CancellationToken);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = folder };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "dagger.dll"), "cue", "export", "loop.cue" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.CancellationToken);
        await Task.Delay(3000, TestContext.CancellationToken);
        Assert.IsFalse(process.HasExited, "the evaluation was still running when the signal came");
        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.CancellationToken);
        }

        await process.WaitForExitAsync(TestContext.CancellationToken);
        clock.Stop();
        Directory.Delete(folder, recursive: true);

        Assert.AreEqual(130, process.ExitCode, await stderr);
        StringAssert.Contains(await stderr, "cancelled");
        TestContext.WriteLine($"ended {clock.Elapsed.TotalSeconds:0.0} s after the signal");
        Assert.IsLessThan(20, clock.Elapsed.TotalSeconds, "the grace period is 10 s");
    }
}
