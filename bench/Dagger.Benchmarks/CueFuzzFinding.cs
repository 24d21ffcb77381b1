namespace Dagger.Benchmarks;

/// <summary>An input the CUE fuzzer flagged, as saved for reproduction.</summary>
/// <param name="Kind"><c>crash</c> (an exception other than a CUE error) or <c>hang</c> (past the time limit).</param>
/// <param name="Index">Its position in the run: the same seed and count reproduce it.</param>
/// <param name="Path">The file the input was saved to; the exception or the limit is beside it, in <c>.txt</c>.</param>
/// <param name="Input">The CUE text.</param>
/// <param name="Detail">The exception, or the limit it ran past.</param>
public sealed record CueFuzzFinding(string Kind, int Index, string Path, string Input, string Detail);
