using BenchmarkDotNet.Running;
using Dagger.Benchmarks;

// dotnet run -c Release --project bench/Dagger.Benchmarks -- plan N DIR    writes a generated plan
// dotnet run -c Release --project bench/Dagger.Benchmarks -- [BenchmarkDotNet arguments]
if (args is ["plan", var size, var directory])
{
    Console.WriteLine(PlanGenerator.Write(directory, int.Parse(size, System.Globalization.CultureInfo.InvariantCulture)));
    return 0;
}

// dotnet run -c Release --project bench/Dagger.Benchmarks -- gc N      one export of N components: time, GC pause, allocations
if (args is ["gc", var components])
{
    GcShare.Run(int.Parse(components, System.Globalization.CultureInfo.InvariantCulture), Console.Out);
    return 0;
}

// dotnet run -c Release --project bench/Dagger.Benchmarks -- fuzz N [SEED] [CORPUS]   robustness of the CUE evaluator
if (args is ["fuzz", var n, ..])
{
    var seed = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1;
    var corpus = args.Length > 3 ? args[3] : FindCorpus();
    var seeds = CueFuzz.ConformanceSeeds(corpus);
    if (seeds.Count == 0)
    {
        Console.Error.WriteLine($"fuzz: no .cue inputs under {corpus}");
        return 2;
    }

    var totals = CueFuzz.Run(seeds, int.Parse(n, System.Globalization.CultureInfo.InvariantCulture), seed, Path.Combine("artifacts", "fuzz"), TimeSpan.FromSeconds(30), Console.Out);
    return totals.Crashes == 0 && totals.Hangs == 0 ? 0 : 1;
}

BenchmarkSwitcher.FromAssembly(typeof(PlanGenerator).Assembly).Run(args);
return 0;

static string FindCorpus()
{
    for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, "shared", "cue-conformance", "cases");
        if (Directory.Exists(candidate))
        {
            return candidate;
        }
    }

    throw new InvalidOperationException("no shared/cue-conformance/cases above the current directory; pass the corpus folder");
}
