using BenchmarkDotNet.Running;
using Dagger.Benchmarks;

// dotnet run -c Release --project bench/Dagger.Benchmarks -- plan N DIR    writes a generated plan
// dotnet run -c Release --project bench/Dagger.Benchmarks -- [BenchmarkDotNet arguments]
if (args is ["plan", var size, var directory])
{
    Console.WriteLine(PlanGenerator.Write(directory, int.Parse(size, System.Globalization.CultureInfo.InvariantCulture)));
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(PlanGenerator).Assembly).Run(args);
return 0;
