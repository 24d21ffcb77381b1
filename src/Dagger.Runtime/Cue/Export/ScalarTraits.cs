namespace Dagger.Runtime.Cue.Export;

/// <summary>
/// What go-yaml's emitter finds in a string before it picks a style (its analyze_scalar): which styles can hold it.
/// </summary>
internal readonly record struct ScalarTraits(bool PlainAllowed, bool SingleQuotedAllowed, bool BlockAllowed)
{
    /// <summary>Analyzes <paramref name="s"/>, a code point at a time.</summary>
    public static ScalarTraits Of(string s)
    {
        bool special = false, tab = false, spaceBreak = false, breakSpace = false, lineBreaks = false;
        bool previousSpace = false, previousBreak = false;
        int first = -1, last = -1;
        foreach (var rune in s.EnumerateRunes())
        {
            var c = rune.Value;
            first = first < 0 ? c : first;
            last = c;
            if (c == '\t')
            {
                tab = true;
            }
            else if (!Printable(c))
            {
                special = true;
            }

            if (c == ' ')
            {
                breakSpace |= previousBreak;
                previousSpace = true;
                previousBreak = false;
            }
            else if (IsBreak(c))
            {
                lineBreaks = true;
                spaceBreak |= previousSpace;
                previousSpace = false;
                previousBreak = true;
            }
            else
            {
                previousSpace = false;
                previousBreak = false;
            }
        }

        var leading = first == ' ' || IsBreak(first);
        var trailingSpace = last == ' ';
        var trailing = trailingSpace || IsBreak(last);
        var quotable = !(breakSpace || spaceBreak || tab || special);
        var plain = quotable && !leading && !trailing && !lineBreaks;
        return new ScalarTraits(plain, quotable, !(spaceBreak || special || trailingSpace));
    }

    /// <summary>YAML's printable set as go-yaml tests it: line feed, ASCII, and the BMP but surrogates, BOM and
    /// U+FFFE/F (a tab is counted apart).</summary>
    public static bool Printable(int c) =>
        c == 0x0A || (c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF);

    private static bool IsBreak(int c) => c is '\r' or '\n' or 0x85 or 0x2028 or 0x2029;
}
