using System.Text;

using Dagger.Runtime.Cue.Core;

namespace Dagger.Runtime.Cue.Export;

/// <summary>Writes concrete values as YAML in CUE's field order, in the style of Go's yaml.v3 encoder.</summary>
internal sealed class YamlExporter(Evaluator ev)
{
    public static string Export(Evaluator ev, Vertex v)
    {
        var sb = new StringBuilder();
        new YamlExporter(ev).WriteTop(sb, v);
        return sb.ToString();
    }

    private void WriteTop(StringBuilder sb, Vertex v)
    {
        var d = JsonExporter.Concrete(ev, v);
        if (d is Vertex { IsList: true } l && l.Elems.Count > 0)
        {
            WriteList(sb, l, 0);
        }
        else if (d is Vertex { IsStruct: true } s && s.Arcs.Any(a => Labels.IsString(a.Label)))
        {
            WriteStruct(sb, s, 0);
        }
        else
        {
            sb.Append(Inline(d)).Append('\n');
        }
    }

    private string Inline(Value d) => d switch
    {
        Vertex { IsList: true } => "[]",
        Vertex => "{}",
        NullValue => "null",
        BoolValue b => b.B ? "true" : "false",
        NumValue n => NumberText(n),
        StringValue s => Str(s.S),
        BytesValue b => "!!binary " + Convert.ToBase64String(b.B),
        _ => d.ToString() ?? "",
    };

    internal static string NumberText(NumValue n)
    {
        var t = n.D.ToString();
        return t.Replace("E+", "e+", StringComparison.Ordinal).Replace("E-", "e-", StringComparison.Ordinal);
    }

    internal static string Str(string s)
    {
        if (s.Length == 0)
        {
            return "\"\"";
        }

        if (s.Contains('\n'))
        {
            return JsonQuote(s);
        }

        var needsQuote = s is "true" or "false" or "null" or "yes" or "no" or "on" or "off" or "y" or "n" or "~"
            or "True" or "False" or "Null" or "Yes" or "No" or "On" or "Off" or "TRUE" or "FALSE" or "NULL" or "YES" or "NO" or "ON" or "OFF"
            || double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
            || s.StartsWith("0x", StringComparison.Ordinal) || s.StartsWith("0o", StringComparison.Ordinal)
            || "-?:,[]{}#&*!|>'\"%@`".Contains(s[0]) || s.StartsWith(' ') || s.EndsWith(' ')
            || s.Contains(": ", StringComparison.Ordinal) || s.Contains(" #", StringComparison.Ordinal) || s.EndsWith(':')
            || s.Any(c => c < 0x20);
        return needsQuote ? JsonQuote(s) : s;
    }

    private static string JsonQuote(string s)
    {
        var sb = new StringBuilder();
        JsonExporter.WriteString(sb, s);
        return sb.ToString().Replace("\\u003c", "<", StringComparison.Ordinal).Replace("\\u003e", ">", StringComparison.Ordinal).Replace("\\u0026", "&", StringComparison.Ordinal);
    }

    private void WriteStruct(StringBuilder sb, Vertex s, int indent)
    {
        foreach (var a in ExportOrder.Arcs(s))
        {
            if (!Labels.IsString(a.Label))
            {
                continue;
            }

            sb.Append(' ', indent).Append(Str(Labels.Name(a.Label))).Append(':');
            WriteValue(sb, a, indent, false);
        }
    }

    private void WriteValue(StringBuilder sb, Vertex a, int indent, bool inList)
    {
        var d = JsonExporter.Concrete(ev, a);
        if (d is Vertex { IsStruct: true } cs && cs.Arcs.Any(x => Labels.IsString(x.Label)))
        {
            if (inList)
            {
                var inner = new StringBuilder();
                WriteStruct(inner, cs, indent + 2);
                sb.Append(' ').Append(inner.ToString()[(indent + 2)..]);
            }
            else
            {
                sb.Append('\n');
                WriteStruct(sb, cs, indent + 4);
            }
        }
        else if (d is Vertex { IsList: true } cl && cl.Elems.Count > 0)
        {
            sb.Append('\n');
            WriteList(sb, cl, inList ? indent + 2 : indent + 4);
        }
        else
        {
            sb.Append(' ').Append(Inline(d)).Append('\n');
        }
    }

    private void WriteList(StringBuilder sb, Vertex l, int indent)
    {
        foreach (var e in l.Elems)
        {
            sb.Append(' ', indent).Append('-');
            WriteValue(sb, e, indent, true);
        }
    }
}
