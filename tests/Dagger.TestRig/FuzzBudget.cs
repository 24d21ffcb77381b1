using System.Globalization;

namespace Dagger.TestRig;

/// <summary>
/// How many inputs the fuzz tests run: 2,000 by default (every CI run), or <c>DAGGER_FUZZ_COUNT</c> for a long run by
/// hand; the seed is fixed so that a failure reproduces, unless <c>DAGGER_FUZZ_SEED</c> picks another.
/// </summary>
public static class FuzzBudget
{
    /// <summary>The number of inputs a fuzz test runs.</summary>
    public static int Count => Read("DAGGER_FUZZ_COUNT", 2000);

    /// <summary>The random seed of the fuzz tests.</summary>
    public static int Seed => Read("DAGGER_FUZZ_SEED", 17);

    private static int Read(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } text
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw new InvalidOperationException($"{name}={text}: expected a positive whole number")
            : fallback;
}
