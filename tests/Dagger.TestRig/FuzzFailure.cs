namespace Dagger.TestRig;

/// <summary>An input a fuzz test rejected: the run's index, the input, and what went wrong.</summary>
/// <param name="Index">Its position in the run: the same seed reproduces it.</param>
/// <param name="Input">The input.</param>
/// <param name="Problem">The unexpected exception, or the time it ran past.</param>
public sealed record FuzzFailure(int Index, string Input, string Problem);
