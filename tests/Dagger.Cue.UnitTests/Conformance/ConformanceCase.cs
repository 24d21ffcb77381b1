namespace Dagger.Cue.UnitTests.Conformance;

/// <summary>One row of shared/cue-conformance/cases.tsv.</summary>
/// <param name="Id">The case id, e.g. <c>cue/cycle/structural</c>.</param>
/// <param name="Outcome">What the oracle's export did: <c>json</c>, <c>incomplete</c> or <c>error</c>.</param>
/// <param name="Features">Rough feature tags of the inputs.</param>
/// <param name="Files">The top-level .cue files, in the order they are passed.</param>
internal sealed record ConformanceCase(string Id, string Outcome, IReadOnlyList<string> Features, IReadOnlyList<string> Files)
{
    /// <summary>The folder the evaluator runs in.</summary>
    public string InputDir => Path.Combine(ConformanceCorpus.CaseDir(Id), "in");

    /// <summary>The oracle's stdout for a <c>json</c> case.</summary>
    public string ExpectedJsonPath => Path.Combine(ConformanceCorpus.CaseDir(Id), "expected.json");
}
