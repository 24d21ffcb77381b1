using System.Text;
using Dagger.Runtime.BuildKit;
using Dagger.Runtime.Engine.Scheduling;
using Dagger.Runtime.Engine.Solving;
using Dagger.Runtime.Llb;
using Dagger.TestRig;

namespace Dagger.Engine.IntegrationTests.Solving;

/// <summary>
/// Why a solve the engine failed for contention is retried in a new build, not the same one: the engine keeps a failed
/// vertex failed for as long as its build is open, and computes it afresh in another.
/// </summary>
[TestClass]
public sealed class RenewableBuildTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task A_vertex_that_failed_stays_failed_in_its_build_and_runs_again_in_a_renewed_one()
    {
        var ct = TestContext.CancellationToken;
        await using var client = await BuildKitClient.ConnectAsync(Rig.Current.Engine, cancellationToken: ct);
        await using var build = await RenewableBuild.StartAsync(c => client.StartBuildAsync(cancellationToken: c), ct);
        var first = build.Current;

        // Fails on its first run and succeeds on any later one: the cache mount outlives the exec.
        var marker = Guid.NewGuid().ToString("N");
        var state = State.Image(TestImages.Busybox)
            .WithNetwork(client.ExecNetwork)
            .Run(new ExecOptions
            {
                Args = ["/bin/sh", "-c", $"if [ -e /cache/{marker} ]; then echo second > /out; else touch /cache/{marker}; exit 7; fi"],
                Mounts = [new CacheMount("/cache", "dagger-test-renewal-" + marker)],
            })
            .Root;
        var solver = new BuildKitSolver(build, new VertexTable(), null);
        FileRead[] reads = [new FileRead(state, "/out", null)];

        var failed = await Assert.ThrowsAsync<Exception>(() => solver.SolveAsync(reads, [], ct));
        StringAssert.Contains(failed.Message, "exit code: 7");
        var again = await Assert.ThrowsAsync<Exception>(() => solver.SolveAsync(reads, [], ct));
        StringAssert.Contains(again.Message, "exit code: 7", "the same build answers the same failure without running the exec");

        await build.RenewAsync(ct);
        var contents = await solver.SolveAsync(reads, [], ct);

        Assert.AreNotSame(first, build.Current);
        Assert.AreEqual(1, build.Renewals);
        Assert.AreEqual("second\n", Encoding.UTF8.GetString(contents[0]));
        await build.Current.CompleteAsync(ct);
    }
}
