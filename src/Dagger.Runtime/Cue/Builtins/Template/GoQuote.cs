using System.Globalization;
using System.Text;
using Dagger.Runtime.Cue.Builtins.Go;

namespace Dagger.Runtime.Cue.Builtins.Template;

/// <summary>Go's strconv quoting and unquoting, which template literals and the %q verb follow.</summary>
internal static class GoQuote
{
    /// <summary>A double-quoted Go string literal; <paramref name="asciiOnly"/> escapes everything above ASCII.</summary>
    public static string Quote(string s, bool asciiOnly = false) => Quote(s, '"', asciiOnly);

    /// <summary>A single-quoted Go rune literal.</summary>
    public static string QuoteRune(int r, bool asciiOnly = false) =>
        Quote(Rune.IsValid(r) ? new Rune(r).ToString() : "\uFFFD", '\'', asciiOnly);

    private static string Quote(string s, char quote, bool asciiOnly)
    {
        var sb = new StringBuilder(s.Length + 2).Append(quote);
        foreach (var r in s.EnumerateRunes())
        {
            AppendEscaped(sb, r, quote, asciiOnly);
        }

        return sb.Append(quote).ToString();
    }

    private static void AppendEscaped(StringBuilder sb, Rune r, char quote, bool asciiOnly)
    {
        var v = r.Value;
        if (v == quote || v == '\\')
        {
            sb.Append('\\').Append((char)v);
            return;
        }

        if (asciiOnly ? v < 0x80 && GoUnicode.IsPrint(r) : GoUnicode.IsPrint(r))
        {
            sb.Append(r.ToString());
            return;
        }

        switch (v)
        {
            case '\a': sb.Append("\\a"); return;
            case '\b': sb.Append("\\b"); return;
            case '\f': sb.Append("\\f"); return;
            case '\n': sb.Append("\\n"); return;
            case '\r': sb.Append("\\r"); return;
            case '\t': sb.Append("\\t"); return;
            case '\v': sb.Append("\\v"); return;
        }

        if (v < ' ' || v == 0x7f)
        {
            sb.Append("\\x").Append(v.ToString("x2", CultureInfo.InvariantCulture));
        }
        else if (v < 0x10000)
        {
            sb.Append("\\u").Append(v.ToString("x4", CultureInfo.InvariantCulture));
        }
        else
        {
            sb.Append("\\U").Append(v.ToString("x8", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Go's strconv.Unquote of a quoted, raw or rune literal; null where Go reports "invalid syntax".</summary>
    public static string? Unquote(string s)
    {
        if (s.Length < 2 || s[^1] != s[0])
        {
            return null;
        }

        var quote = s[0];
        var body = s[1..^1];
        if (quote == '`')
        {
            return body.Contains('`', StringComparison.Ordinal) ? null : body.Replace("\r", "", StringComparison.Ordinal);
        }

        if (quote != '"' && quote != '\'')
        {
            return null;
        }

        var sb = new StringBuilder();
        var bytes = new List<byte>();
        var i = 0;
        var runes = 0;
        while (i < body.Length)
        {
            if (body[i] == quote && quote == '"')
            {
                return null;
            }

            if (body[i] == '\n')
            {
                return null;
            }

            var (value, isByte, next) = UnquoteChar(body, i, quote);
            if (next < 0)
            {
                return null;
            }

            // \x and octal escapes in Go strings are raw bytes; other text is UTF-8.
            if (isByte)
            {
                bytes.Add((byte)value);
            }
            else
            {
                FlushBytes(sb, bytes);
                sb.Append(char.ConvertFromUtf32(value));
            }

            runes++;
            i = next;
        }

        FlushBytes(sb, bytes);
        if (quote == '\'' && runes != 1)
        {
            return null;
        }

        return sb.ToString();
    }

    private static void FlushBytes(StringBuilder sb, List<byte> bytes)
    {
        if (bytes.Count > 0)
        {
            sb.Append(Encoding.UTF8.GetString(bytes.ToArray()));
            bytes.Clear();
        }
    }

    /// <summary>
    /// Decodes one character or escape of a quoted literal at <paramref name="i"/>: its value, whether it is a
    /// single byte (\x, octal), and the index after it, or -1 when Go rejects it.
    /// </summary>
    public static (int Value, bool IsByte, int Next) UnquoteChar(string s, int i, char quote)
    {
        if (char.IsSurrogate(s, i))
        {
            return Rune.TryGetRuneAt(s, i, out var sr) ? (sr.Value, false, i + sr.Utf16SequenceLength) : (0, false, -1);
        }

        var c = s[i];
        if (c == quote && quote == '\'')
        {
            return (0, false, -1);
        }

        if (c != '\\')
        {
            return (c, false, i + 1);
        }

        if (i + 1 >= s.Length)
        {
            return (0, false, -1);
        }

        var e = s[i + 1];
        switch (e)
        {
            case 'a': return (7, false, i + 2);
            case 'b': return (8, false, i + 2);
            case 'f': return (12, false, i + 2);
            case 'n': return (10, false, i + 2);
            case 'r': return (13, false, i + 2);
            case 't': return (9, false, i + 2);
            case 'v': return (11, false, i + 2);
            case '\\': return ('\\', false, i + 2);
            case '\'' or '"': return e == quote ? (e, false, i + 2) : (0, false, -1);
            case 'x' or 'u' or 'U':
                {
                    var n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + 2 + n > s.Length || !int.TryParse(s.AsSpan(i + 2, n), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v))
                    {
                        return (0, false, -1);
                    }

                    if (e == 'x')
                    {
                        return quote == '\'' ? (v, false, i + 4) : (v, true, i + 4);
                    }

                    return Rune.IsValid(v) ? (v, false, i + 2 + n) : (0, false, -1);
                }

            case >= '0' and <= '7':
                {
                    if (i + 4 > s.Length)
                    {
                        return (0, false, -1);
                    }

                    var v = 0;
                    for (var k = 1; k <= 3; k++)
                    {
                        var d = s[i + k];
                        if (d is < '0' or > '7')
                        {
                            return (0, false, -1);
                        }

                        v = (v * 8) + (d - '0');
                    }

                    return v > 255 ? (0, false, -1) : (v, quote != '\'', i + 4);
                }

            default:
                return (0, false, -1);
        }
    }
}
