using System.Net;
using System.Text;

using Dagger.Runtime.Cue.Core;

using static Dagger.Runtime.Cue.Builtins.PackageBuilder;

namespace Dagger.Runtime.Cue.Builtins;

/// <summary>The <c>html</c> package: Go's <c>html.EscapeString</c> and <c>html.UnescapeString</c>.</summary>
internal static class HtmlPackage
{
    // Go reads these references even without their semicolon (HTML's legacy names); the others need it.
    private static readonly HashSet<string> Legacy = new(StringComparer.Ordinal) { "amp", "lt", "gt", "quot", "AMP", "LT", "GT", "QUOT", "COPY", "REG" };

    // Upper-case aliases HTML5 added, which .NET's HTML 4 table does not know.
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["AMP"] = "&",
        ["LT"] = "<",
        ["GT"] = ">",
        ["QUOT"] = "\"",
        ["COPY"] = "\u00a9",
        ["REG"] = "\u00ae",
    };

    // Numeric references to the C1 controls mean the Windows-1252 characters at those positions.
    private static readonly int[] Windows1252 =
    [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ];

    public static PackageValue Create() => new PackageBuilder("html")
        .Fn("Escape", [Kind.String], Kind.String, c => Str(Escape(c.Str(0))))
        .Fn("Unescape", [Kind.String], Kind.String, c => Str(Unescape(c.Str(0))))
        .Build();

    private static string Escape(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            sb.Append(ch switch
            {
                '&' => "&amp;",
                '\'' => "&#39;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&#34;",
                _ => ch.ToString(),
            });
        }

        return sb.ToString();
    }

    private static string Unescape(string s)
    {
        if (!s.Contains('&', StringComparison.Ordinal))
        {
            return s;
        }

        var sb = new StringBuilder(s.Length);
        var i = 0;
        while (i < s.Length)
        {
            if (s[i] != '&')
            {
                sb.Append(s[i++]);
                continue;
            }

            i += Entity(s, i, sb);
        }

        return sb.ToString();
    }

    // Appends what the reference at s[at] (an ampersand) stands for and returns how many chars it used.
    private static int Entity(string s, int at, StringBuilder sb)
    {
        var rest = s.AsSpan(at);
        if (rest.Length <= 1)
        {
            sb.Append('&');
            return 1;
        }

        if (rest[1] == '#')
        {
            return Numeric(rest, sb);
        }

        var i = 1;
        while (i < rest.Length && char.IsAsciiLetterOrDigit(rest[i]))
        {
            i++;
        }

        var name = rest[1..i].ToString();
        var semicolon = i < rest.Length && rest[i] == ';';
        if (name.Length > 0)
        {
            if (semicolon && Named(name) is { } full)
            {
                sb.Append(full);
                return i + 1;
            }

            if (!semicolon && IsLegacy(name) && Named(name) is { } bare)
            {
                sb.Append(bare);
                return i;
            }

            // The longest legacy name that starts the run is used, the rest of the run is kept.
            for (var j = Math.Min(name.Length - (semicolon ? 0 : 1), 6); j > 1; j--)
            {
                var prefix = name[..j];
                if (IsLegacy(prefix) && Named(prefix) is { } partial)
                {
                    sb.Append(partial);
                    return j + 1;
                }
            }
        }

        var used = semicolon ? i + 1 : i;
        sb.Append(rest[..used]);
        return used;
    }

    private static int Numeric(ReadOnlySpan<char> rest, StringBuilder sb)
    {
        if (rest.Length <= 3)
        {
            sb.Append('&');
            return 1;
        }

        var i = 2;
        var hex = rest[i] is 'x' or 'X';
        if (hex)
        {
            i++;
        }

        var x = 0;
        while (i < rest.Length)
        {
            var c = rest[i++];
            if (hex ? char.IsAsciiHexDigit(c) : char.IsAsciiDigit(c))
            {
                // Go accumulates in a 32-bit rune and lets it wrap.
                x = unchecked((x * (hex ? 16 : 10)) + Convert.ToInt32(c.ToString(), 16));
                continue;
            }

            if (c != ';')
            {
                i--;
            }

            break;
        }

        // Go counts "&#x;" as a reference (to U+FFFD) but "&#;" and "&#x" followed by a non-digit as text.
        if (i <= 3)
        {
            sb.Append('&');
            return 1;
        }

        if (x is >= 0x80 and <= 0x9F)
        {
            x = Windows1252[x - 0x80];
        }
        else if (x == 0 || x is >= 0xD800 and <= 0xDFFF || x > 0x10FFFF || x < 0)
        {
            x = 0xFFFD;
        }

        sb.Append(char.ConvertFromUtf32(x));
        return i;
    }

    private static bool IsLegacy(string name) =>
        Legacy.Contains(name) || (Named(name) is { Length: 1 } c && c[0] is >= '\u00a0' and <= '\u00ff');

    private static string? Named(string name)
    {
        if (Aliases.TryGetValue(name, out var alias))
        {
            return alias;
        }

        var decoded = WebUtility.HtmlDecode("&" + name + ";");
        return decoded.StartsWith('&') && decoded.Length > 1 ? null : decoded;
    }
}
