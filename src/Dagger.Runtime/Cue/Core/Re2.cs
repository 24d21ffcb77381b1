using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace Dagger.Runtime.Cue.Core;

/// <summary>Translates Go RE2 syntax to an equivalent .NET regex and caches the result.</summary>
internal static class Re2
{
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    public static Regex Get(string pattern) => Cache.GetOrAdd(pattern, p =>
        new Regex(Translate(p), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2)));

    public static string Translate(string p)
    {
        var sb = new StringBuilder();
        var inClass = false;
        for (var i = 0; i < p.Length; i++)
        {
            var c = p[i];
            if (c == '\\' && i + 1 < p.Length)
            {
                var n = p[i + 1];
                i++;
                switch (n)
                {
                    case 'd': sb.Append(inClass ? "0-9" : "[0-9]"); break;
                    case 'D': sb.Append(inClass ? "\\D" : "[^0-9]"); break;
                    case 'w': sb.Append(inClass ? "0-9A-Za-z_" : "[0-9A-Za-z_]"); break;
                    case 'W': sb.Append(inClass ? "\\W" : "[^0-9A-Za-z_]"); break;
                    case 's': sb.Append(inClass ? "\\t\\n\\f\\r " : "[\\t\\n\\f\\r ]"); break;
                    case 'S': sb.Append(inClass ? "\\S" : "[^\\t\\n\\f\\r ]"); break;
                    case 'z': sb.Append("\\z"); break;
                    case 'Q':
                        {
                            var end = p.IndexOf("\\E", i + 1, StringComparison.Ordinal);
                            var lit = end < 0 ? p[(i + 1)..] : p[(i + 1)..end];
                            sb.Append(Regex.Escape(lit));
                            i = end < 0 ? p.Length : end + 1;
                            break;
                        }

                    default: sb.Append('\\').Append(n); break;
                }

                continue;
            }

            if (inClass)
            {
                if (c == ']')
                {
                    inClass = false;
                }
                else if (c == '[' && i + 1 < p.Length && p[i + 1] == ':')
                {
                    var end = p.IndexOf(":]", i, StringComparison.Ordinal);
                    if (end > 0)
                    {
                        sb.Append(PosixClass(p[(i + 2)..end]));
                        i = end + 1;
                        continue;
                    }
                }

                sb.Append(c);
                continue;
            }

            switch (c)
            {
                case '[':
                    inClass = true;
                    sb.Append(c);
                    if (i + 1 < p.Length && p[i + 1] == '^')
                    {
                        sb.Append('^');
                        i++;
                    }

                    if (i + 1 < p.Length && p[i + 1] == ']')
                    {
                        sb.Append("\\]");
                        i++;
                    }

                    break;
                case '$':
                    sb.Append("\\z");
                    break;
                case '(' when i + 2 < p.Length && p[i + 1] == '?' && p[i + 2] == 'P':
                    sb.Append("(?");
                    i += 2;
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }

    private static string PosixClass(string name) => name switch
    {
        "alpha" => "A-Za-z",
        "digit" => "0-9",
        "alnum" => "0-9A-Za-z",
        "space" => "\\t\\n\\v\\f\\r ",
        "upper" => "A-Z",
        "lower" => "a-z",
        "punct" => "!-/:-@\\[-`{-~",
        "xdigit" => "0-9A-Fa-f",
        "word" => "0-9A-Za-z_",
        _ => "",
    };
}
