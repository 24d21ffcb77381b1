using System.Text;

namespace Dagger.Runtime.Llb;

/// <summary>
/// Encodes a string list as JSON byte-for-byte like Go's <c>encoding/json</c> (HTML-safe escaping, \u00XX for other
/// control characters), because BuildKit's client stores such JSON in source attributes that are part of a digest.
/// </summary>
internal static class GoJson
{
    public static string StringArray(IEnumerable<string> values)
    {
        var sb = new StringBuilder("[");
        bool first = true;
        foreach (string value in values)
        {
            if (!first)
            {
                sb.Append(',');
            }

            first = false;
            AppendString(sb, value);
        }

        return sb.Append(']').ToString();
    }

    private static void AppendString(StringBuilder sb, string value)
    {
        const string hex = "0123456789abcdef";
        sb.Append('"');
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                case '<' or '>' or '&' or < ' ':
                    sb.Append("\\u00").Append(hex[c >> 4]).Append(hex[c & 0xF]);
                    break;
                case '\u2028' or '\u2029':
                    sb.Append("\\u202").Append(hex[c & 0xF]);
                    break;
                default:
                    if (char.IsSurrogate(c))
                    {
                        if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                        {
                            sb.Append(c).Append(value[++i]);
                        }
                        else
                        {
                            // Go replaces invalid UTF-8 with U+FFFD; a lone surrogate is the UTF-16 equivalent.
                            sb.Append("\\ufffd");
                        }
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
