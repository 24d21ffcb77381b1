using System.Text;

using Dagger.Runtime.Cue.Core;

namespace Dagger.Runtime.Cue.Export;

/// <summary>Prints evaluated values as CUE text, like <c>cue eval</c>.</summary>
internal sealed class CuePrinter(Evaluator ev, bool concrete)
{
    public static string Print(Evaluator ev, Vertex v, bool concrete)
    {
        var sb = new StringBuilder();
        var p = new CuePrinter(ev, concrete);
        ev.Finalize(v);
        var d = ev.Deref(v);
        if (d is Vertex { IsStruct: true } s)
        {
            p.Fields(sb, s, 0);
        }
        else
        {
            p.Value(sb, v, 0);
            sb.Append('\n');
        }

        return sb.ToString();
    }

    private void Fields(StringBuilder sb, Vertex s, int level)
    {
        foreach (var a in ExportOrder.Arcs(s))
        {
            if (concrete && !Labels.IsString(a.Label))
            {
                continue;
            }

            if (Labels.TypeOf(a.Label) == LabelType.Int)
            {
                continue;
            }

            sb.Append(' ', level * 4).Append(Label(a.Label)).Append(": ");
            Value(sb, a, level);
            sb.Append('\n');
        }
    }

    private static string Label(int l)
    {
        var n = Labels.Name(l);
        var ident = n.Length > 0 && (char.IsLetter(n[0]) || n[0] is '_' or '#' or '$') && n.Skip(1).All(c => char.IsLetterOrDigit(c) || c is '_' or '$');
        return ident ? n : CueText.Quote(n);
    }

    private void Value(StringBuilder sb, Vertex v, int level)
    {
        ev.Finalize(v);
        if (v.BaseValue is DisjunctionValue dv && !(concrete && dv.NumDefaults == 1))
        {
            var parts = new List<string>();
            for (var i = 0; i < dv.Values.Count; i++)
            {
                var inner = new StringBuilder();
                Value(inner, dv.Values[i], level);
                parts.Add((i < dv.NumDefaults && dv.NumDefaults < dv.Values.Count ? "*" : "") + inner);
            }

            sb.Append(string.Join(" | ", parts));
            return;
        }

        var d = ev.Deref(v);
        switch (d)
        {
            case Bottom b:
                if (concrete)
                {
                    throw JsonExporter.Fail(v, b);
                }

                sb.Append("_|_ // ").Append(b.Message.Replace('\n', ' '));
                break;
            case Vertex { IsList: true } l:
                if (l.Elems.Count == 0)
                {
                    sb.Append(l.BaseValue is ListMarker { IsOpen: true } ? "[...]" : "[]");
                    break;
                }

                sb.Append("[");
                for (var i = 0; i < l.Elems.Count; i++)
                {
                    sb.Append(i > 0 ? ", " : "");
                    Value(sb, l.Elems[i], level);
                }

                sb.Append(l.BaseValue is ListMarker { IsOpen: true } ? ", ...]" : "]");
                break;
            case Vertex s:
                if (!s.Arcs.Any(a => !concrete || Labels.IsString(a.Label)))
                {
                    sb.Append("{}");
                    break;
                }

                sb.Append("{\n");
                Fields(sb, s, level + 1);
                sb.Append(' ', level * 4).Append('}');
                break;
            default:
                if (concrete && !d.IsConcrete)
                {
                    throw new CueEvalException(JsonExporter.Format(v.PathString(), Bottom.Incomplete($"incomplete value {d}")), true);
                }

                sb.Append(d is NumValue n ? n.D.ToString() : d.ToString());
                break;
        }
    }
}
