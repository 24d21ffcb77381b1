using System.Collections;
using System.Globalization;
using System.Text;

namespace Dagger.MSBuild.Json;

/// <summary>
/// Writes values of the shapes <see cref="JsonReader"/> produces as compact JSON.
/// </summary>
internal static class JsonWriter
{
    /// <summary>The JSON text of <paramref name="value"/>.</summary>
    public static string Write(object? value)
    {
        var builder = new StringBuilder();
        Append(builder, value);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case null:
                builder.Append("null");
                break;
            case bool b:
                builder.Append(b ? "true" : "false");
                break;
            case string s:
                AppendString(builder, s);
                break;
            case JsonNumber n:
                builder.Append(n.Text);
                break;
            case int i:
                builder.Append(i.ToString(CultureInfo.InvariantCulture));
                break;
            case IEnumerable<KeyValuePair<string, object?>> members:
                AppendAll(builder, '{', members, '}', (b, member) =>
                {
                    AppendString(b, member.Key);
                    b.Append(':');
                    Append(b, member.Value);
                });
                break;
            case IEnumerable items:
                AppendAll(builder, '[', items.Cast<object?>(), ']', Append);
                break;
            default:
                throw new ArgumentException($"{value.GetType().Name} has no JSON form", nameof(value));
        }
    }

    private static void AppendAll<T>(StringBuilder builder, char open, IEnumerable<T> values, char close, Action<StringBuilder, T> append)
    {
        builder.Append(open);
        var first = true;
        foreach (var value in values)
        {
            if (!first)
            {
                builder.Append(',');
            }

            first = false;
            append(builder, value);
        }

        builder.Append(close);
    }

    private static void AppendString(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case < ' ':
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        builder.Append('"');
    }
}
