namespace Dagger.Cue.UnitTests.Errors;

/// <summary>
/// An error program (file <c>x.cue</c>) and the exact text <c>export</c> prints on stderr for it.
/// </summary>
/// <param name="Name">A short name for the test row.</param>
/// <param name="Source">The contents of <c>x.cue</c>.</param>
/// <param name="Expected">Our stderr, without the final newline.</param>
/// <param name="Difference">Null when the reference CUE prints exactly <paramref name="Expected"/>; otherwise why
/// we deliberately differ (see README.md).</param>
internal sealed record ErrorCase(string Name, string Source, string Expected, string? Difference = null)
{
    public override string ToString() => Name;
}
