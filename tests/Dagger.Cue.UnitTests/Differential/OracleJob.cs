namespace Dagger.Cue.UnitTests.Differential;

/// <summary>One invocation for the oracle's batch mode: <c>cue ARGS</c> with <paramref name="Dir"/> as working directory.</summary>
internal sealed record OracleJob(string Dir, IReadOnlyList<string> Args);
