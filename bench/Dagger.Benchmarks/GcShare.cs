using System.Diagnostics;
using System.Globalization;
using Dagger.Runtime.Cue;

namespace Dagger.Benchmarks;

/// <summary>
/// One export of a generated plan in this process, with what the garbage collector did during it: bytes allocated,
/// collections per generation and the time the evaluation stood paused. Run once per size, in a fresh process, so
/// that the collector starts from the same state (<c>bench/cue-scaling</c> prints it for each size).
/// </summary>
public static class GcShare
{
    /// <summary>Exports a plan of <paramref name="components"/> components and writes one line of figures.</summary>
    public static void Run(int components, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var source = PlanGenerator.Generate(components);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var paused = GC.GetTotalPauseDuration();
        var counts = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
        var clock = Stopwatch.StartNew();
        var length = CueContext.RunWithLargeStack(() => new CueContext().Compile(source, "plan.cue").ToJson().Length);
        clock.Stop();
        var pause = GC.GetTotalPauseDuration() - paused;
        var collections = string.Join('/', Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - counts[g]));
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {components} | {clock.Elapsed.TotalSeconds:0.000} | {pause.TotalSeconds:0.000} | {(clock.Elapsed - pause).TotalSeconds:0.000} | {(GC.GetTotalAllocatedBytes(precise: true) - allocated) >> 20} | {collections} | {length} |"));
    }
}
