using System.Collections.Immutable;
using System.Globalization;

namespace Dagger.TestRig;

/// <summary>What a fuzz run counted: inputs, outcomes by name, failures and time.</summary>
/// <param name="Name">What was fuzzed.</param>
/// <param name="Seed">The random seed.</param>
/// <param name="Inputs">The inputs run (fewer than asked when one hung).</param>
/// <param name="Outcomes">How many inputs ended in each accepted outcome.</param>
/// <param name="Failures">The inputs that threw something else or hung, in order.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record FuzzReport(
    string Name, int Seed, int Inputs, ImmutableSortedDictionary<string, int> Outcomes, ImmutableArray<FuzzFailure> Failures, TimeSpan Elapsed)
{
    /// <summary>How many inputs ended in <paramref name="outcome"/>.</summary>
    public int Count(string outcome) => Outcomes.GetValueOrDefault(outcome);

    /// <summary>One line: the counts and the time.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Name} fuzz (seed {Seed}): {Inputs} inputs: {string.Join(", ", Outcomes.Select(o => $"{o.Value} {o.Key}"))}, {Failures.Length} failures in {Elapsed.TotalSeconds:0.0} s");

    /// <summary>
    /// The failure message of a test: the totals, the seed, each distinct problem (by its first line) with the first
    /// input that had it, and the first failure's whole exception.
    /// </summary>
    public string Describe()
    {
        if (Failures is not [var first, ..])
        {
            return ToString();
        }

        var kinds = Failures.GroupBy(f => f.Problem.Split('\n')[0].Trim(), StringComparer.Ordinal)
            .Select(g => $"  {g.Count()} x {g.Key}\n    first: input {g.First().Index}: {Shorten(g.First().Input)}");
        return $"{this}\ndistinct problems:\n{string.Join('\n', kinds)}\n"
            + $"first failure, input {first.Index} of seed {Seed}:\n---\n{Shorten(first.Input)}\n---\n{first.Problem}";
    }

    private static string Shorten(string input) =>
        input.Length <= 2000 ? input : $"{input[..1000]}\n… ({input.Length} characters) …\n{input[^1000..]}";
}
