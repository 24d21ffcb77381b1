using System.Text;

namespace Dagger.Runtime.Cue.Syntax;

/// <summary>Helpers to print CUE literals.</summary>
internal static class CueText
{
    /// <summary>A string label as CUE writes it: bare when it is an identifier, quoted otherwise.</summary>
    public static string Label(string n)
    {
        var ident = n.Length > 0 && (char.IsLetter(n[0]) || n[0] == '$') && n.Skip(1).All(c => char.IsLetterOrDigit(c) || c is '_' or '$');
        return ident ? n : Quote(n);
    }

    public static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var r in s.EnumerateRunes())
        {
            switch (r.Value)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (r.Value < 0x20 || r.Value == 0x7f)
                    {
                        sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{r.Value:x4}");
                    }
                    else
                    {
                        sb.Append(r.ToString());
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    public static string QuoteBytes(byte[] b)
    {
        var sb = new StringBuilder("'");
        foreach (var c in b)
        {
            if (c == '\'')
            {
                sb.Append("\\'");
            }
            else if (c == '\\')
            {
                sb.Append("\\\\");
            }
            else if (c is >= 0x20 and < 0x7f)
            {
                sb.Append((char)c);
            }
            else
            {
                sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\x{c:x2}");
            }
        }

        return sb.Append('\'').ToString();
    }
}
