using System.Globalization;

namespace Dagger.Benchmarks;

/// <summary>What a CUE fuzz run counted.</summary>
/// <param name="Seed">The random seed: the same seed, seeds and count give the same inputs.</param>
/// <param name="Inputs">Inputs run (fewer than asked when a hang stopped the run).</param>
/// <param name="Evaluated">Inputs that compiled and exported.</param>
/// <param name="CueErrors">Inputs rejected with a CUE error, a correct outcome.</param>
/// <param name="Crashes">Inputs that threw anything else.</param>
/// <param name="Hangs">Inputs that ran past the time limit.</param>
/// <param name="Elapsed">Wall time of the run.</param>
/// <param name="Findings">The crashing and hanging inputs, in order.</param>
public sealed record CueFuzzTotals(
    int Seed, int Inputs, int Evaluated, int CueErrors, int Crashes, int Hangs, TimeSpan Elapsed, IReadOnlyList<CueFuzzFinding> Findings)
{
    /// <summary>One line for logs: the counts and the time.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"fuzz (seed {Seed}): {Inputs} inputs: {Evaluated} evaluated, {CueErrors} CUE errors, {Crashes} crashes, {Hangs} hangs in {Elapsed.TotalSeconds:0.0} s");
}
