namespace Dagger.Cue.UnitTests.Conformance;

/// <summary>
/// Runs a test only where ../shared/cue-conformance exists, so that a newcomer's clone reports it skipped, naming the
/// folder. Under <c>CI=true</c> the test always runs: there the corpus is always checked out, and its absence must fail.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class RequiresCorpusAttribute : ConditionBaseAttribute
{
    /// <summary>Creates the condition.</summary>
    public RequiresCorpusAttribute()
        : base(ConditionMode.Include) => IgnoreMessage = "skipped: needs ../shared/cue-conformance, which is not beside this clone";

    /// <inheritdoc />
    public override bool IsConditionMet =>
        TestPaths.HasCorpus || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override string GroupName => "shared";
}
