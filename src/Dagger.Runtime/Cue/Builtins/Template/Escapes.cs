using Dagger.Runtime.Cue.Builtins.Go;

namespace Dagger.Runtime.Cue.Builtins.Template;

/// <summary>Go's text/template escapers: numeric entities for quotes, \uXXXX for what JavaScript must not see raw.</summary>
internal static class Escapes
{
    public static string Html(string s)
    {
        var sb = new System.Text.StringBuilder(s.Length);
        foreach (var ch in s)
        {
            sb.Append(ch switch
            {
                '"' => "&#34;",
                '\'' => "&#39;",
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '\0' => "\uFFFD",
                _ => ch.ToString(),
            });
        }

        return sb.ToString();
    }

    public static string JavaScript(string s)
    {
        var sb = new System.Text.StringBuilder(s.Length);
        foreach (var r in s.EnumerateRunes())
        {
            sb.Append(r.Value switch
            {
                '\\' => "\\\\",
                '\'' => "\\'",
                '"' => "\\\"",
                '<' => "\\u003C",
                '>' => "\\u003E",
                '&' => "\\u0026",
                '=' => "\\u003D",
                _ when r.Value < ' ' || (r.Value >= 0x80 && !GoUnicode.IsPrint(r)) => "\\u" + r.Value.ToString("X4", System.Globalization.CultureInfo.InvariantCulture),
                _ => r.ToString(),
            });
        }

        return sb.ToString();
    }
}
