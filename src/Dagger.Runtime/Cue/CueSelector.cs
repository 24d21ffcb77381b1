using System.Globalization;

namespace Dagger.Runtime.Cue;

/// <summary>
/// One step of a path into a value: a field label exactly as written (so labels may hold dots or any character), or
/// the index of a list element.
/// </summary>
public readonly record struct CueSelector
{
    private CueSelector(string? label, int index)
    {
        Label = label;
        Index = index;
    }

    /// <summary>The field label, or null for a list index.</summary>
    public string? Label { get; }

    /// <summary>The list index; meaningful only when <see cref="Label"/> is null.</summary>
    public int Index { get; }

    /// <summary>Selects the field <paramref name="label"/> (definitions with their <c>#</c>, hidden fields with their <c>_</c>).</summary>
    public static CueSelector Field(string label) => new(label ?? throw new ArgumentNullException(nameof(label)), -1);

    /// <summary>Selects the list element at <paramref name="index"/>.</summary>
    public static CueSelector Item(int index) => index >= 0 ? new(null, index) : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Splits a dot-separated path of plain labels, such as <c>a.b.c</c>.</summary>
    public static IReadOnlyList<CueSelector> Parse(string path) =>
        [.. (path ?? throw new ArgumentNullException(nameof(path))).Split('.', StringSplitOptions.RemoveEmptyEntries).Select(Field)];

    /// <inheritdoc />
    public override string ToString() => Label ?? "[" + Index.ToString(CultureInfo.InvariantCulture) + "]";
}
