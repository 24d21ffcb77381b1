using System.Text.Json;
using Dagger.TestRig;
using Dagger.Tool.IntegrationTests.Environments;

namespace Dagger.Tool.IntegrationTests.EndToEnd;

/// <summary>An engine that answers slowly is still an engine: the run succeeds, only later.</summary>
[TestClass]
public sealed class SlowEngineTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task A_run_through_a_connection_that_delays_every_chunk_still_succeeds()
    {
        // 40 ms on every chunk in both directions: hundreds of round trips, well under the connect bound each.
        using var proxy = new EngineProxy(new Uri(Rig.Current.Engine.Uri), TimeSpan.FromMilliseconds(40));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var (code, output, err) = await DaggerRun.RunAsync(
            "up", "-p", Path.Combine(RepoPaths.RepoRoot, "examples", "hello"), "--input-string", "name=Slow",
            "--engine", "docker+unix://" + proxy.Path, "--engine-timeout", "20", "--log-format", "json");

        TestContext.WriteLine($"took {clock.Elapsed.TotalSeconds:0.0} s through the slow proxy");
        Assert.AreEqual(0, code, err);
        Assert.IsGreaterThan(0, proxy.Connections);
        StringAssert.Contains(output, "Hello, Slow!");
        EventContract.Require(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var completed = JsonDocument.Parse(err.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        Assert.AreEqual("success", completed.RootElement.GetProperty("result").GetString());
    }
}
