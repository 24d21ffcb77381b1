using BenchmarkDotNet.Attributes;
using Dagger.Runtime.Cue;

namespace Dagger.Benchmarks;

/// <summary>
/// In-process CUE evaluation of generated dagger-style plans (<see cref="PlanGenerator"/>): parse, compile, evaluate
/// and export to JSON, with the time and the allocations of each size. The whole-process comparison with the
/// reference CUE is <c>bench/cue-scaling</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class CueEvaluation
{
    private string source = "";

    /// <summary>Components in the generated plan.</summary>
    [Params(10, 100, 1000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup() => source = PlanGenerator.Generate(N);

    [Benchmark]
    public int Export() => CueContext.RunWithLargeStack(() => new CueContext().Compile(source, "plan.cue").ToJson().Length);
}
