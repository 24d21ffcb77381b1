using System.Text;
using System.Text.RegularExpressions;

using Dagger.Runtime.Cue.Core;

namespace Dagger.Runtime.Cue.Export;

/// <summary>
/// Writes concrete values as YAML in CUE's field order, in the style of the reference (go-yaml): two-space
/// indentation, sequences level with their key, literal blocks for multi-line strings.
/// </summary>
internal sealed partial class YamlExporter(Evaluator ev)
{
    [GeneratedRegex(@"^[-+]?(0|[1-9][0-9_]*|0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+)$")]
    private static partial Regex IntLike();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$")]
    private static partial Regex FloatLike();

    public static string Export(Evaluator ev, Vertex v)
    {
        var sb = new StringBuilder();
        var x = new YamlExporter(ev);
        var d = JsonExporter.Concrete(ev, v);
        if (IsBlock(d))
        {
            x.Block(sb, d, 0);
        }
        else
        {
            sb.Append(Inline(d, 0)).Append('\n');
        }

        return sb.ToString();
    }

    private static bool IsBlock(Value d) => d switch
    {
        Vertex { IsList: true } l => l.Elems.Count > 0,
        Vertex s => s.Arcs.Any(a => Labels.IsString(a.Label)),
        _ => false,
    };

    private static string Inline(Value d, int indent) => d switch
    {
        Vertex { IsList: true } => "[]",
        Vertex => "{}",
        NullValue => "null",
        BoolValue b => b.B ? "true" : "false",
        NumValue n => n.D.ToString(),
        StringValue s => Str(s.S, indent),
        BytesValue b => "!!binary " + Convert.ToBase64String(b.B),
        _ => d.ToString() ?? "",
    };

    /// <summary>Writes a non-empty struct or list whose lines start at <paramref name="indent"/>.</summary>
    private void Block(StringBuilder sb, Value d, int indent)
    {
        if (d is Vertex { IsList: true } l)
        {
            foreach (var e in l.Elems)
            {
                sb.Append(' ', indent).Append('-');
                Item(sb, JsonExporter.Concrete(ev, e), indent + 2);
            }

            return;
        }

        var first = true;
        foreach (var a in ExportOrder.Arcs((Vertex)d))
        {
            if (!Labels.IsString(a.Label))
            {
                continue;
            }

            if (!first)
            {
                sb.Append(' ', indent);
            }

            first = false;
            sb.Append(Str(ev.Names.Name(a.Label), indent)).Append(':');
            var v = JsonExporter.Concrete(ev, a);
            if (v is Vertex { IsList: true } && IsBlock(v))
            {
                sb.Append('\n');
                Block(sb, v, indent);
            }
            else if (IsBlock(v))
            {
                sb.Append('\n').Append(' ', indent + 2);
                Block(sb, v, indent + 2);
            }
            else
            {
                sb.Append(' ').Append(Inline(v, indent)).Append('\n');
            }
        }
    }

    /// <summary>Writes the rest of a sequence item after its dash; nested blocks continue on the same line.</summary>
    private void Item(StringBuilder sb, Value v, int indent)
    {
        if (IsBlock(v))
        {
            sb.Append(' ');
            if (v is Vertex { IsList: true } l)
            {
                var first = true;
                foreach (var e in l.Elems)
                {
                    if (!first)
                    {
                        sb.Append(' ', indent);
                    }

                    first = false;
                    sb.Append('-');
                    Item(sb, JsonExporter.Concrete(ev, e), indent + 2);
                }
            }
            else
            {
                Block(sb, v, indent);
            }

            return;
        }

        sb.Append(' ').Append(Inline(v, indent)).Append('\n');
    }

    internal static string Str(string s, int indent)
    {
        if (s.Length == 0)
        {
            return "\"\"";
        }

        if (s.Contains('\n') && !s.Any(c => c < 0x20 && c != '\n'))
        {
            var keep = s.EndsWith('\n');
            var body = keep ? s[..^1] : s;
            var sb = new StringBuilder(keep ? "|" : "|-");
            foreach (var line in body.Split('\n'))
            {
                sb.Append('\n');
                if (line.Length > 0)
                {
                    sb.Append(' ', indent + 2).Append(line);
                }
            }

            return sb.ToString();
        }

        if (s is "true" or "false" or "True" or "False" or "TRUE" or "FALSE" or "null" or "Null" or "NULL" or "~"
            || IntLike().IsMatch(s) || FloatLike().IsMatch(s) || s.Any(c => c < 0x20 || c == 0x7f))
        {
            var sb = new StringBuilder();
            JsonExporter.WriteString(sb, s);
            return sb.ToString().Replace("\\u003c", "<", StringComparison.Ordinal).Replace("\\u003e", ">", StringComparison.Ordinal).Replace("\\u0026", "&", StringComparison.Ordinal);
        }

        var first = s[0];
        var unsafePlain = ",[]{}#&*!|>'\"%@`".Contains(first)
            || (first is '-' or '?' or ':' && (s.Length == 1 || s[1] == ' '))
            || s.StartsWith(' ') || s.EndsWith(' ') || s.EndsWith(':')
            || s.Contains(": ", StringComparison.Ordinal) || s.Contains(" #", StringComparison.Ordinal)
            || s.StartsWith("---", StringComparison.Ordinal) || s.StartsWith("...", StringComparison.Ordinal);
        return unsafePlain ? "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'" : s;
    }
}
