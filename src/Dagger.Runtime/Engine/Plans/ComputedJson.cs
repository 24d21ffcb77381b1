using System.Globalization;
using System.Text;
using Dagger.Runtime.Cue;

namespace Dagger.Runtime.Engine.Plans;

/// <summary>
/// The one-line JSON of <c>dagger compute</c>: the concrete regular fields of a plan, keys sorted, no spaces, strings
/// escaped as Go's encoding/json does. A struct whose regular fields are all left out is left out too, as the
/// original's writer creates a parent only when something inside it is written; a struct without regular fields
/// (such as one holding only <c>#up</c>) prints as <c>{}</c>. A list prints only when all of its elements are
/// concrete.
/// </summary>
public static class ComputedJson
{
    /// <summary>Renders <paramref name="value"/>.</summary>
    public static string Render(CueValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return CueContext.RunWithLargeStack(() =>
        {
            var json = new StringBuilder();
            if (!Write(value, json))
            {
                json.Append("{}");
            }

            return json.ToString();
        });
    }

    private static bool Write(CueValue value, StringBuilder json)
    {
        var v = value.Default(out _);
        if (v.Error is not null)
        {
            return false;
        }

        var kind = v.Kind;
        if (kind == Cue.Core.Kind.Struct || (v.Fields().Any() && !kind.HasFlag(Cue.Core.Kind.List)))
        {
            var start = json.Length;
            json.Append('{');
            var first = true;
            var any = false;
            foreach (var field in v.Fields().OrderBy(f => f.Label, StringComparer.Ordinal))
            {
                any = true;
                var mark = json.Length;
                json.Append(first ? string.Empty : ",");
                WriteString(field.Label, json);
                json.Append(':');
                if (Write(field.Value, json))
                {
                    first = false;
                }
                else
                {
                    json.Length = mark;
                }
            }

            if (any && first)
            {
                json.Length = start;
                return false;
            }

            json.Append('}');
            return true;
        }

        if (kind == Cue.Core.Kind.List)
        {
            var mark = json.Length;
            json.Append('[');
            var elements = v.Elements();
            for (var i = 0; i < elements.Count; i++)
            {
                json.Append(i == 0 ? string.Empty : ",");
                if (!Write(elements[i], json))
                {
                    json.Length = mark;
                    return false;
                }
            }

            json.Append(']');
            return true;
        }

        if (!v.IsConcrete)
        {
            return false;
        }

        if (v.TryGetString(out var text))
        {
            WriteString(text, json);
            return true;
        }

        // Numbers, booleans, null and bytes: CUE's own JSON for the scalar.
        json.Append(v.ToJson(indent: false));
        return true;
    }

    private static void WriteString(string text, StringBuilder json) => Cue.CueJson.AppendString(json, text);
}
