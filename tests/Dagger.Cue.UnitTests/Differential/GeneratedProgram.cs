namespace Dagger.Cue.UnitTests.Differential;

/// <summary>One generated CUE program.</summary>
/// <param name="Seed">The run's seed.</param>
/// <param name="Index">The program's number in the run; (seed, index, features) regenerate it.</param>
/// <param name="Text">The CUE source (one file).</param>
/// <param name="InjectedError">Null, or the kind of error the generator put in on purpose.</param>
public sealed record GeneratedProgram(int Seed, int Index, string Text, string? InjectedError);
