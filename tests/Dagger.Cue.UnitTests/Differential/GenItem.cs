namespace Dagger.Cue.UnitTests.Differential;

/// <summary>A piece of struct-literal text that is not a plain field (a comprehension, an embedding, a fragment);
/// rendered at the end because its text may be decided after its position.</summary>
internal sealed class GenItem(Func<string, string?> render)
{
    /// <summary>Renders the item at the given indentation; null leaves it out.</summary>
    public Func<string, string?> Render { get; } = render;
}
