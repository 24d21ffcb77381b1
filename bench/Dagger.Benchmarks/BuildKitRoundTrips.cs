using BenchmarkDotNet.Attributes;
using Dagger.Runtime.BuildKit;
using Dagger.Runtime.Engine.Solving;
using Dagger.Runtime.Llb;

namespace Dagger.Benchmarks;

/// <summary>
/// Round trips to the engine inside one build session: a control call, a solve the engine answers from its cache,
/// and a file read from a solved result. Needs an engine (run <c>export "$(scripts/engine)"</c> first) and the
/// hermetic images (<c>scripts/images</c>).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class BuildKitRoundTrips
{
    private BuildKitClient client = null!;
    private BuildSession session = null!;
    private Runtime.Llb.Pb.Definition definition = null!;
    private SolveResult solved = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var address = EngineDiscovery.Resolve(null) ?? throw new InvalidOperationException("no engine: run export \"$(scripts/engine)\" first");
        client = await BuildKitClient.ConnectAsync(address);
        session = await client.StartBuildAsync();
        definition = State.Image("dagger-test/busybox")
            .WithNetwork(client.ExecNetwork)
            .Run("sh", "-c", "echo hello > /hello").Root
            .Marshal().ToProto();
        solved = await session.SolveAsync(definition);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await session.CompleteAsync();
        await session.DisposeAsync();
        await client.DisposeAsync();
    }

    [Benchmark(Description = "ListWorkers (control round trip)")]
    public Task<IReadOnlyList<WorkerInfo>> ListWorkers() => client.ListWorkersAsync();

    [Benchmark(Description = "Solve, cached (gateway)")]
    public Task<SolveResult> CachedSolve() => session.SolveAsync(definition);

    [Benchmark(Description = "ReadFile (gateway)")]
    public Task<ReadOnlyMemory<byte>> ReadFile() => session.ReadFileAsync(solved, "/hello");
}
