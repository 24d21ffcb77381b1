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
    public async Task A_terminate_signal_ends_an_evaluation_that_never_ends_with_130_after_the_grace_period()
    {
        // A definition that embeds a disjunction with itself: neither this evaluator nor the reference CUE (v0.4)
        // finishes it, found by the fuzz harness.
        var folder = Directory.CreateTempSubdirectory("dagger-grace-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "loop.cue"), "#Foo: {\n\t{a: 1} | #Foo\n}\nfoo: #Foo\n", TestContext.CancellationToken);
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
