using System.Globalization;

namespace Dagger.Cue.UnitTests.Differential;

/// <summary>
/// What the differential test generates, from the environment:
/// DAGGER_CUE_DIFF_SEED (an int, or <c>random</c>; default 4242 so CI is reproducible),
/// DAGGER_CUE_DIFF_COUNT (default 500), DAGGER_CUE_DIFF_FIRST (first program index, default 0; with COUNT=1 it
/// regenerates one program), DAGGER_CUE_DIFF_FEATURES (e.g. <c>All</c> or <c>Lists, Floats</c>; default: the test's).
/// </summary>
internal sealed record DifferentialSettings(int Seed, int First, int Count, CueFeatures Features)
{
    public const int DefaultSeed = 4242;

    public static DifferentialSettings FromEnvironment(CueFeatures defaultFeatures, int defaultCount)
    {
        var seedText = Environment.GetEnvironmentVariable("DAGGER_CUE_DIFF_SEED");
        var seed = string.Equals(seedText, "random", StringComparison.OrdinalIgnoreCase)
            ? Random.Shared.Next()
            : ParseInt(seedText, "DAGGER_CUE_DIFF_SEED") ?? DefaultSeed;
        var features = Environment.GetEnvironmentVariable("DAGGER_CUE_DIFF_FEATURES") is { Length: > 0 } f
            ? Enum.Parse<CueFeatures>(f, ignoreCase: true)
            : defaultFeatures;
        return new DifferentialSettings(
            seed,
            ParseInt(Environment.GetEnvironmentVariable("DAGGER_CUE_DIFF_FIRST"), "DAGGER_CUE_DIFF_FIRST") ?? 0,
            ParseInt(Environment.GetEnvironmentVariable("DAGGER_CUE_DIFF_COUNT"), "DAGGER_CUE_DIFF_COUNT") ?? defaultCount,
            features);
    }

    public string Reproduce =>
        $"DAGGER_CUE_DIFF_SEED={Seed} DAGGER_CUE_DIFF_FIRST={First} DAGGER_CUE_DIFF_COUNT={Count} DAGGER_CUE_DIFF_FEATURES=\"{Features}\"";

    private static int? ParseInt(string? text, string name) =>
        string.IsNullOrWhiteSpace(text) ? null
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v
        : throw new FormatException($"{name} must be an integer, got '{text}'");
}
