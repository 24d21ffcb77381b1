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
        // Like cue/format: runs of fields with single-line scalar values are aligned on their values.
        var lines = new List<(string Label, string Value, bool Simple)>();
        foreach (var a in ExportOrder.Arcs(s))
        {
            if (Labels.TypeOf(a.Label) == LabelType.Int || Labels.IsHidden(a.Label) || (concrete && !Labels.IsString(a.Label)))
            {
                continue;
            }

            var vb = new StringBuilder();
            Value(vb, a, level);
            var text = vb.ToString();
            lines.Add((Label(a.Label) + ":", text, !(text.StartsWith('{') || text.StartsWith('['))));
        }

        for (var i = 0; i < lines.Count;)
        {
            var j = i;
            var width = 0;
            while (j < lines.Count && lines[j].Simple)
            {
                width = Math.Max(width, lines[j].Label.Length);
                j++;
            }

            if (j == i)
            {
                sb.Append(' ', level * 4).Append(lines[i].Label).Append(' ').Append(lines[i].Value).Append('\n');
                i++;
                continue;
            }

            for (var k = i; k < j; k++)
            {
                sb.Append(' ', level * 4).Append(lines[k].Label.PadRight(width + 1)).Append(lines[k].Value).Append('\n');
            }

            i = j;
        }
    }

    private static string Label(int l)
    {
        var n = Labels.Name(l);
        var ident = n.Length > 0 && (char.IsLetter(n[0]) || n[0] is '_' or '#' or '$') && n.Skip(1).All(c => char.IsLetterOrDigit(c) || c is '_' or '$');
        if (ident && Labels.IsString(l) && (n[0] is '#' or '_'))
        {
            // A regular field spelled like a definition or hidden field must be quoted.
            ident = false;
        }

        return ident ? n : CueText.Quote(n);
    }

    private static string StringText(string s, int level)
    {
        if (!s.Contains('\n') || s.Contains("\"\"\"", StringComparison.Ordinal))
        {
            return CueText.Quote(s);
        }

        var indent = new string(' ', (level + 1) * 4);
        var sb = new StringBuilder("\"\"\"\n");
        foreach (var line in s.Split('\n'))
        {
            var q = CueText.Quote(line);
            sb.Append(line.Length == 0 ? "" : indent).Append(q[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal)).Append('\n');
        }

        return sb.Append(indent).Append("\"\"\"").ToString();
    }

    private static bool IsShownDefinition(int label) => Labels.IsDefinition(label) && !Labels.IsHidden(label);

    /// <summary>The vertex whose own value <see cref="Evaluator.Deref"/> gives for <paramref name="v"/> (through
    /// defaults), which holds the fields declared beside that value.</summary>
    private Vertex? Holder(Vertex v)
    {
        var cur = v;
        for (var guard = 0; guard < 100; guard++)
        {
            switch (ev.Evaluate(cur))
            {
                case DisjunctionValue { NumDefaults: 1 } dv:
                    cur = dv.Values[0];
                    continue;
                case Vertex inner when !ReferenceEquals(inner, cur):
                    cur = inner;
                    continue;
                default:
                    return cur;
            }
        }

        return null;
    }

    /// <summary>
    /// A scalar or list with definitions beside it (<c>{string, #up: 1}</c>), printed as the literal that embeds
    /// it, as <c>cue eval</c> does: a scalar comes before the definitions, a list after them.
    /// </summary>
    private void EmbeddedWithDefinitions(StringBuilder sb, Vertex holder, Value d, int level)
    {
        var indent = new string(' ', (level + 1) * 4);
        var embedded = new StringBuilder(indent);
        if (d is Vertex { IsList: true })
        {
            ListText(embedded, holder, level + 1);
        }
        else
        {
            embedded.Append(ScalarText(d, level + 1));
        }

        embedded.Append('\n');
        var defs = new StringBuilder();
        foreach (var a in ExportOrder.Arcs(holder))
        {
            if (IsShownDefinition(a.Label))
            {
                var vb = new StringBuilder();
                Value(vb, a, level + 1);
                defs.Append(indent).Append(Label(a.Label)).Append(": ").Append(vb).Append('\n');
            }
        }

        sb.Append("{\n");
        if (d is Vertex { IsList: true })
        {
            sb.Append(defs).Append(embedded);
        }
        else
        {
            sb.Append(embedded).Append(defs);
        }

        sb.Append(' ', level * 4).Append('}');
    }

    private void Value(StringBuilder sb, Vertex v, int level)
    {
        ev.Finalize(v);
        if (v.BaseValue is DisjunctionValue dv && dv.NumDefaults != 1)
        {
            if (dv.NumDefaults == 0 && dv.HadMarks)
            {
                sb.Append("_|_");
                return;
            }

            // cue eval shows the defaults when there are several, else every disjunct.
            var shown = dv.NumDefaults > 1 ? dv.Values.Take(dv.NumDefaults) : dv.Values;
            var parts = new List<string>();
            foreach (var alt in shown)
            {
                var inner = new StringBuilder();
                Value(inner, alt, level);
                parts.Add(inner.ToString());
            }

            sb.Append(string.Join(" | ", parts));
            return;
        }

        var d = ev.Deref(v);
        if (!concrete && d is not (Bottom or Vertex { IsStruct: true }) && Holder(v) is { } holder && holder.Arcs.Any(a => IsShownDefinition(a.Label)))
        {
            EmbeddedWithDefinitions(sb, holder, d, level);
            return;
        }

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
                ListText(sb, l, level);
                break;
            case Vertex s:
                if (!s.Arcs.Any(a => Labels.IsString(a.Label) || (!concrete && Labels.IsDefinition(a.Label))))
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
                    throw new CueEvalException(JsonExporter.ErrorsOf(v.PathString(), Bottom.Incomplete($"incomplete value {d}"), v.Pos), true);
                }

                sb.Append(ScalarText(d, level));
                break;
        }
    }

    private static string ScalarText(Value d, int level) => d switch
    {
        NumValue n => n.D.ToString(),
        StringValue str => StringText(str.S, level),
        _ => d.ToString() ?? "_",
    };

    private void ListText(StringBuilder sb, Vertex l, int level)
    {
        if (l.Elems.Count == 0)
        {
            sb.Append("[]");
            return;
        }

        sb.Append('[');
        for (var i = 0; i < l.Elems.Count; i++)
        {
            sb.Append(i > 0 ? ", " : "");
            Value(sb, l.Elems[i], level);
        }

        sb.Append(']');
    }
}
