namespace Dagger.Runtime.Cue;

/// <summary>A field of a struct value.</summary>
/// <param name="Label">The label as written (definitions keep their <c>#</c>, hidden fields their <c>_</c>).</param>
/// <param name="Value">The field's value.</param>
/// <param name="IsDefinition">The label is a definition.</param>
/// <param name="IsHidden">The label is hidden.</param>
/// <param name="IsOptional">The field is optional (declared with <c>?</c> and not otherwise present).</param>
public sealed record CueField(string Label, CueValue Value, bool IsDefinition, bool IsHidden, bool IsOptional);

/// <summary>Which fields <see cref="CueValue.Fields"/> returns besides regular ones.</summary>
[Flags]
public enum CueFieldOptions
{
    /// <summary>Only regular fields.</summary>
    None = 0,

    /// <summary>Include definitions.</summary>
    Definitions = 1,

    /// <summary>Include hidden fields.</summary>
    Hidden = 2,

    /// <summary>Include optional fields.</summary>
    Optional = 4,

    /// <summary>Everything.</summary>
    All = Definitions | Hidden | Optional,
}

/// <summary>An attribute such as <c>@tag(a, b=c)</c>.</summary>
/// <param name="Name">The attribute name (<c>tag</c>).</param>
/// <param name="Contents">The raw text between the parentheses.</param>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "Named after CUE attributes, not a .NET attribute.")]
public sealed record CueAttribute(string Name, string Contents)
{
    /// <summary>The comma-separated arguments, trimmed.</summary>
    public IReadOnlyList<string> Args => Contents.Length == 0 ? [] : Contents.Split(',').Select(a => a.Trim()).ToList();

    /// <summary>The value of a <c>key=value</c> argument, or null.</summary>
    public string? Lookup(string key)
    {
        foreach (var a in Args)
        {
            var eq = a.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && a[..eq].Trim() == key)
            {
                return a[(eq + 1)..].Trim();
            }
        }

        return null;
    }
}
