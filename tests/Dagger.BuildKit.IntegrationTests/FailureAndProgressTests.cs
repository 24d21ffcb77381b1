using System.Collections.Concurrent;
using System.Diagnostics;

using Dagger.BuildKit.IntegrationTests.Support;

using Dagger.Runtime.BuildKit;

namespace Dagger.BuildKit.IntegrationTests;

[TestClass]
public sealed class FailureAndProgressTests
{
    [TestMethod]
    public async Task A_failing_exec_names_its_vertex_and_exit_code()
    {
        var client = await TestEngine.ClientAsync();
        var events = new ConcurrentQueue<BuildEvent>();
        await using var session = await client.StartBuildAsync(new BuildSessionOptions { OnEvent = events.Enqueue });
        var llb = new TestDefinition();
        var marker = Guid.NewGuid().ToString("N");
        var failing = llb.Shell(llb.Image(), $"echo {marker}; exit 7", customName: "plan.deploy.#up[2]", network: client.ExecNetwork);

        var error = await Assert.ThrowsExactlyAsync<BuildFailedException>(() => session.SolveAsync(llb.Build(failing)));

        Assert.AreEqual(7, error.ExitCode, error.Message);
        Assert.IsNotNull(error.Vertex, error.Message);
        Assert.AreEqual("plan.deploy.#up[2]", error.Vertex.DisplayName);
        Assert.AreEqual(failing.Digest, error.Vertex.Digest);
        StringAssert.StartsWith(error.Message, "plan.deploy.#up[2]: ");
        Assert.DoesNotContain("rpc error", error.Message);

        await session.DisposeAsync();
        var failed = events.OfType<VertexFailedEvent>().SingleOrDefault(e => e.Vertex.Digest == failing.Digest);
        Assert.IsNotNull(failed, string.Join("\n", events));
        Assert.AreEqual(7, failed.ExitCode);
        var logs = string.Concat(events.OfType<VertexLogEvent>().Where(e => e.Vertex.Digest == failing.Digest).Select(e => e.Text));
        StringAssert.Contains(logs, marker);
        Assert.IsTrue(events.OfType<VertexLogEvent>().Where(e => e.Vertex.Digest == failing.Digest).All(e => e.Vertex.DisplayName == "plan.deploy.#up[2]"));
    }

    [TestMethod]
    public async Task Progress_reports_start_completion_and_cache_hits()
    {
        var client = await TestEngine.ClientAsync();
        var marker = Guid.NewGuid().ToString("N");
        var llb = new TestDefinition();
        var root = llb.Shell(llb.Image(), $"echo {marker} >&2; echo out-{marker}", customName: "progress step", network: client.ExecNetwork);
        var definition = llb.Build(root);

        var first = new ConcurrentQueue<BuildEvent>();
        await using (var session = await client.StartBuildAsync(new BuildSessionOptions { OnEvent = first.Enqueue }))
        {
            await session.SolveAsync(definition);
            await session.CompleteAsync();
        }

        Assert.IsTrue(first.OfType<VertexStartedEvent>().Any(e => e.Vertex.Digest == root.Digest), string.Join("\n", first));
        var done = first.OfType<VertexCompletedEvent>().Single(e => e.Vertex.Digest == root.Digest);
        Assert.IsFalse(done.Cached);
        Assert.AreEqual("progress step", done.Vertex.Name);
        var logs = first.OfType<VertexLogEvent>().Where(e => e.Vertex.Digest == root.Digest).ToList();
        Assert.IsTrue(logs.Any(l => l.Channel == LogChannel.Stderr && l.Text.Contains(marker, StringComparison.Ordinal)));
        Assert.IsTrue(logs.Any(l => l.Channel == LogChannel.Stdout && l.Text.Contains("out-" + marker, StringComparison.Ordinal)));

        // Whether a solve hits the cache is the engine's decision, and once on CI a Docker Engine busy with other test
        // assemblies ran the step again right after the first session. What this test checks is that a hit, when the
        // engine makes one, is reported as cached: so the same build gets up to three more sessions to show one.
        var attempts = new List<string>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var again = new ConcurrentQueue<BuildEvent>();
            await using (var session = await client.StartBuildAsync(new BuildSessionOptions { OnEvent = again.Enqueue }))
            {
                await session.SolveAsync(definition);
                await session.CompleteAsync();
            }

            var completed = again.OfType<VertexCompletedEvent>().Single(e => e.Vertex.Digest == root.Digest);
            if (completed.Cached)
            {
                Assert.IsFalse(again.OfType<VertexLogEvent>().Any(e => e.Vertex.Digest == root.Digest), "a cached step prints nothing again");
                return;
            }

            attempts.Add(string.Join("\n", again));
        }

        Assert.Fail("three more solves of the same build were never reported as cached:\n" + string.Join("\n--\n", attempts));
    }

    [TestMethod]
    public async Task Cancelling_stops_a_running_exec()
    {
        var client = await TestEngine.ClientAsync();
        var events = new ConcurrentQueue<BuildEvent>();
        var session = await client.StartBuildAsync(new BuildSessionOptions { OnEvent = events.Enqueue });
        var llb = new TestDefinition();
        var root = llb.Shell(llb.Image(), $"echo started; sleep 120 # {Guid.NewGuid()}", network: client.ExecNetwork);
        using var cancel = new CancellationTokenSource();
        var solve = session.SolveAsync(llb.Build(root), cancellationToken: cancel.Token);
        var clock = Stopwatch.StartNew();
        while (!events.OfType<VertexLogEvent>().Any(e => e.Vertex.Digest == root.Digest) && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50);
        }

        await cancel.CancelAsync();
        await Assert.ThrowsAsync<OperationCanceledException>(() => solve);
        await session.DisposeAsync();
        Assert.IsLessThan(TimeSpan.FromSeconds(60), clock.Elapsed);
        Assert.IsTrue(events.OfType<VertexFailedEvent>().Any(e => e.Vertex.Digest == root.Digest) || !events.OfType<VertexCompletedEvent>().Any(e => e.Vertex.Digest == root.Digest));
    }

    [TestMethod]
    public async Task A_build_the_engine_refuses_reports_the_refusal()
    {
        var client = await TestEngine.ClientAsync();
        // Docker Engine's builder does not grant security.insecure unless configured to.
        var error = await Assert.ThrowsExactlyAsync<BuildFailedException>(() =>
            client.StartBuildAsync(new BuildSessionOptions { Entitlements = [Entitlements.SecurityInsecure] }));
        StringAssert.Contains(error.Message, "security.insecure");
        Assert.DoesNotContain("no such job", error.Message);
    }
}
