namespace Dagger.Cue.UnitTests.Differential;

/// <summary>
/// A seeded generator of well-formed CUE programs for differential testing against the reference CUE. Program
/// <c>i</c> of seed <c>s</c> depends only on (s, i, features), so one failing program can be regenerated alone.
/// </summary>
public sealed class CueProgramGenerator(int seed, CueFeatures features)
{
    public int Seed { get; } = seed;

    public CueFeatures Features { get; } = features;

    public GeneratedProgram Generate(int index)
    {
        var (text, injected) = new ProgramBuilder(ProgramSeed(Seed, index), Features).Build();
        return new GeneratedProgram(Seed, index, text, injected);
    }

    public IEnumerable<GeneratedProgram> Generate(int first, int count) =>
        Enumerable.Range(first, count).Select(i => Generate(i));

    // A fixed mix (not HashCode.Combine, which is randomised per process).
    private static int ProgramSeed(int seed, int index)
    {
        unchecked
        {
            var h = (uint)seed * 0x9E3779B1u ^ (uint)index * 0x85EBCA77u;
            h ^= h >> 15;
            h *= 0xC2B2AE3Du;
            h ^= h >> 13;
            return (int)(h & 0x7FFFFFFF);
        }
    }
}
