using System.Globalization;
using System.Text;

namespace Dagger.Runtime.Cue.Builtins.Go;

/// <summary>
/// Go's per-rune Unicode mappings where .NET's invariant ones differ: the reference's strings functions map rune by
/// rune with Go's simple case tables, and split on Go's space set.
/// </summary>
internal static class GoUnicode
{
    /// <summary>Go's unicode.IsSpace; .NET's char.IsWhiteSpace covers the same set (all of it in the BMP).</summary>
    public static bool IsSpace(Rune r) => r.IsBmp && char.IsWhiteSpace((char)r.Value);

    /// <summary>Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.</summary>
    public static bool IsPrint(Rune r) => r.Value == ' ' || (IsGraphic(r) && Rune.GetUnicodeCategory(r) != UnicodeCategory.SpaceSeparator);

    /// <summary>Go's unicode.IsGraphic: as IsPrint, with every space separator.</summary>
    public static bool IsGraphic(Rune r) => Rune.GetUnicodeCategory(r) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned => false,
        _ => true,
    };

    public static string ToUpper(string s) => Map(s, Upper);

    public static string ToLower(string s) => Map(s, Lower);

    /// <summary>Title case of one rune: the four Latin digraphs have a form of their own, every other rune its upper case.</summary>
    public static Rune Title(Rune r) => r.Value switch
    {
        >= 0x01C4 and <= 0x01C6 => new Rune(0x01C5),
        >= 0x01C7 and <= 0x01C9 => new Rune(0x01C8),
        >= 0x01CA and <= 0x01CC => new Rune(0x01CB),
        >= 0x01F1 and <= 0x01F3 => new Rune(0x01F2),
        _ => Upper(r),
    };

    public static string Map(string s, Func<Rune, Rune> f)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var r in s.EnumerateRunes())
        {
            sb.Append(f(r).ToString());
        }

        return sb.ToString();
    }

    // .NET's invariant tables leave the Turkish dotted and dotless i and the long s alone; Go's simple mappings do not.
    private static Rune Upper(Rune r) => r.Value switch
    {
        0x0131 => new Rune('I'),
        0x017F => new Rune('S'),
        0x01C5 or 0x01C8 or 0x01CB or 0x01F2 => new Rune(r.Value - 1),
        _ => Rune.ToUpperInvariant(r),
    };

    private static Rune Lower(Rune r) => r.Value switch
    {
        0x0130 => new Rune('i'),
        0x01C5 or 0x01C8 or 0x01CB or 0x01F2 => new Rune(r.Value + 1),
        _ => Rune.ToLowerInvariant(r),
    };
}
