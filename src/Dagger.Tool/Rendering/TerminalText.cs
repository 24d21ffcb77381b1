using System.Globalization;
using System.Text;

namespace Dagger.Tool.Rendering;

/// <summary>Measures and cuts text as a terminal shows it: in columns, with escape sequences taking none.</summary>
internal static class TerminalText
{
    private const char Escape = '\u001b';

    /// <summary>
    /// The line with every control character and escape sequence taken out, tabs as spaces: a program's own colors or
    /// cursor movements would otherwise move the cursor under the live region and break its redraw.
    /// </summary>
    public static string Sanitize(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!line.Any(char.IsControl))
        {
            return line;
        }

        var text = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == Escape)
            {
                i = SequenceEnd(line, i);
            }
            else if (c == '\t')
            {
                text.Append(' ', 8 - (Columns(text.ToString()) % 8));
            }
            else if (!char.IsControl(c))
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    /// <summary>How many columns the text takes on a terminal; escape sequences take none.</summary>
    public static int Columns(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var columns = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == Escape)
            {
                i = SequenceEnd(text, i);
                continue;
            }

            Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var length);
            columns += Columns(rune);
            i += length - 1;
        }

        return columns;
    }

    /// <summary>
    /// The text cut to <paramref name="width"/> columns, ending with <c>…</c> when it was cut. Escape sequences are
    /// kept whole, never cut in the middle, and a cut colored text is reset so that the color does not run on.
    /// </summary>
    public static string Truncate(string text, int width)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Columns(text) <= width)
        {
            return text;
        }

        var cut = new StringBuilder(text.Length);
        var columns = 0;
        var styled = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == Escape)
            {
                var end = SequenceEnd(text, i);
                cut.Append(text, i, end - i + 1);
                styled = true;
                i = end;
                continue;
            }

            Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var length);
            var next = columns + Columns(rune);
            if (next > width - 1)
            {
                break;
            }

            cut.Append(text, i, length);
            columns = next;
            i += length - 1;
        }

        if (width > 0)
        {
            cut.Append('…');
        }

        if (styled)
        {
            cut.Append(Ansi.Reset);
        }

        return cut.ToString();
    }

    // Where the escape sequence that starts at start ends: a CSI (ESC [ parameters final) up to its final byte, any
    // other one at the character after ESC.
    private static int SequenceEnd(string text, int start)
    {
        if (start + 1 >= text.Length || text[start + 1] != '[')
        {
            return Math.Min(start + 1, text.Length - 1);
        }

        var i = start + 2;
        while (i < text.Length && text[i] is < '@' or > '~')
        {
            i++;
        }

        return Math.Min(i, text.Length - 1);
    }

    // East Asian wide and fullwidth characters and emoji take two columns; combining marks and zero-width
    // characters none. A rough table: a character it gets wrong costs a column of the line, never the layout.
    private static int Columns(Rune rune)
    {
        var value = rune.Value;
        if (value < 0x300)
        {
            return 1;
        }

        var category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
        {
            return 0;
        }

        return value is (>= 0x1100 and <= 0x115F) or (>= 0x2E80 and <= 0x303E) or (>= 0x3041 and <= 0x33FF)
            or (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF) or (>= 0xA000 and <= 0xA4CF)
            or (>= 0xAC00 and <= 0xD7A3) or (>= 0xF900 and <= 0xFAFF) or (>= 0xFE30 and <= 0xFE4F)
            or (>= 0xFF00 and <= 0xFF60) or (>= 0xFFE0 and <= 0xFFE6) or (>= 0x1F300 and <= 0x1F64F)
            or (>= 0x1F900 and <= 0x1F9FF) or (>= 0x20000 and <= 0x3FFFD)
            ? 2
            : 1;
    }
}
