using System.Text;
using Dagger.BuildKit.IntegrationTests.Support;
using Dagger.Runtime.BuildKit;
using Dagger.Runtime.Llb;
using Dagger.TestRig;

namespace Dagger.BuildKit.IntegrationTests;

/// <summary>The LLB model's definitions solved through the wire client: the two halves agree on the wire.</summary>
[TestClass]
public sealed class StateModelOnTheEngineTests
{
    [TestMethod]
    public async Task A_marshalled_state_with_image_config_runs_and_its_vertex_names_come_back()
    {
        var client = await TestEngine.ClientAsync();
        var events = new System.Collections.Concurrent.ConcurrentQueue<BuildEvent>();
        await using var session = await client.StartBuildAsync(new BuildSessionOptions { OnEvent = events.Enqueue });
        var config = await session.ResolveImageConfigAsync(TestImages.Config);

        var marker = Guid.NewGuid().ToString("N");
        var state = State.Image(TestImages.Config)
            .WithImageConfig(config.ConfigJson.Span)
            .WithNetwork(client.ExecNetwork)
            .Run(new ExecOptions
            {
                Args = ["/bin/sh", "-c", $"(echo $GREETING; pwd; id -un; echo {marker}) > out.txt"],
                Op = OpOptions.Default with { CustomName = "plan.step.#up[1]" },
            })
            .Root;
        var result = await session.SolveAsync(state.Marshal().ToProto());
        var text = Encoding.UTF8.GetString((await session.ReadFileAsync(result, TestImages.ConfigWorkdir + "/out.txt")).Span);
        Assert.AreEqual($"{TestImages.ConfigGreeting}\n{TestImages.ConfigWorkdir}\n{TestImages.ConfigUser}\n{marker}\n", text);
        await session.CompleteAsync();
        Assert.IsTrue(events.OfType<VertexCompletedEvent>().Any(e => e.Vertex.DisplayName == "plan.step.#up[1]"), string.Join("\n", events));
    }

    [TestMethod]
    public async Task A_failure_names_the_ops_source_location()
    {
        var client = await TestEngine.ClientAsync();
        await using var session = await client.StartBuildAsync();
        var file = new SourceFile("plan.cue", Encoding.UTF8.GetBytes("package plan\n"));
        var state = State.Image(TestImages.Busybox)
            .WithNetwork(client.ExecNetwork)
            .Run(new ExecOptions
            {
                Args = ["/bin/sh", "-c", $"exit 5 # {Guid.NewGuid()}"],
                Op = OpOptions.Default with { CustomName = "plan.deploy.#up[0]", SourceLocations = [new SourceLocation(file, 12, 3)] },
            })
            .Root;
        var error = await Assert.ThrowsExactlyAsync<BuildFailedException>(() => session.SolveAsync(state.Marshal()));
        Assert.AreEqual(5, error.ExitCode);
        StringAssert.StartsWith(error.Message, "plan.deploy.#up[0] (plan.cue:12:3): ");
        CollectionAssert.AreEqual(new[] { "plan.cue:12:3" }, error.Vertex!.Locations.ToArray());
    }
}
