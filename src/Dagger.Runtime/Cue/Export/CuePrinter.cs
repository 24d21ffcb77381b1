using System.Text;

using Dagger.Runtime.Cue.Core;
using Dagger.Runtime.Cue.Errors;
using Dagger.Runtime.Cue.Syntax;

namespace Dagger.Runtime.Cue.Export;

/// <summary>Prints evaluated values as CUE text, like <c>cue eval</c>.</summary>
internal sealed class CuePrinter(Evaluator ev, bool concrete)
{
    private readonly PrintedImports _imports = new();

    public static string Print(Evaluator ev, Vertex v, bool concrete)
    {
        var p = new CuePrinter(ev, concrete);
        var body = p.PrintBody(v);
        return ExprText.Header(p._imports) + body;
    }

    private string PrintBody(Vertex v)
    {
        var sb = new StringBuilder();
        var p = this;
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
        // Like cue/format: runs of fields with scalar values are aligned on their values (see ExprText.Alignable).
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
            // A string value printed over several lines stands alone, unlike an expression (an interpolation) that
            // does.
            var alone = text.Contains('\n') && ev.Deref(a) is StringValue;
            lines.Add((Label(a.Label) + ":", text, !alone && ExprText.Alignable(text)));
        }

        for (var i = 0; i < lines.Count;)
        {
            var j = i;
            var width = 0;
            while (j < lines.Count && lines[j].Simple)
            {
                width = Math.Max(width, lines[j].Label.Length);
                if (lines[j++].Value.Contains('\n'))
                {
                    break;
                }
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

    private string Label(int l)
    {
        var n = ev.Names.Name(l);
        return Labels.IsString(l) ? StringLabel(n) : n;
    }

    /// <summary>A regular field's label as v0.4 prints it: bare when it reads as an identifier, quoted otherwise
    /// (and when it is spelled like a definition or hidden field), however the source wrote it.</summary>
    internal static string StringLabel(string n) => CueText.Label(n);

    internal static string StringText(string s, int level)
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

        if (!concrete && (d is Bottom { IsIncomplete: true } || (d is Vertex { IsStruct: true } && v.PendingError is { IsIncomplete: true })) && AsExpressions(v, level) is { } text)
        {
            // v0.4 prints a value that is not complete yet as the expressions it is made of.
            sb.Append(text);
            return;
        }

        switch (d)
        {
            case Bottom b:
                if (concrete)
                {
                    throw JsonExporter.Fail(ev, v, b);
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
                    throw new CueEvalException(JsonExporter.ErrorsOf(v.PathString(ev.Names), Bottom.Incomplete($"incomplete value {d}"), v.Pos), true);
                }

                NoteImports(d);
                sb.Append(ScalarText(d, level));
                break;
        }
    }

    /// <summary>The conjuncts of <paramref name="v"/> as source expressions joined by <c>&amp;</c>; null when one of
    /// them is not an expression of the source (data from a builtin).</summary>
    private string? AsExpressions(Vertex v, int level)
    {
        var exprs = v.Conjuncts.Select(ShownExpr).ToList();
        if (exprs.Count == 0 || exprs.Any(e => e is null))
        {
            return null;
        }

        var text = new ExprText(_imports, Unified);
        return ExprText.JoinAnd(exprs.Select((e, i) => e is StructLit s ? text.Merge([s], level, ExprText.OperandOfAnd(i, exprs.Count)) : text.Print(e!, level, ExprText.OperandOfAnd(i, exprs.Count))), level);
    }

    /// <summary>Self-contained expressions (literals, types, bounds) unified, as <c>cue eval</c> prints the value;
    /// a scalar keeps the text of its first literal. Null when they do not unify.</summary>
    private string? Unified(IReadOnlyList<Expr> exprs, int level)
    {
        var t = new Vertex(null, Labels.None);
        var env = new Env(null, t);
        foreach (var e in exprs)
        {
            t.Conjuncts.Add(new Conjunct(env, e, null));
        }

        ev.Finalize(t);
        var d = ev.Deref(t);
        if (d is Bottom or Vertex or DisjunctionValue)
        {
            return null;
        }

        if (d.IsConcrete && exprs.OfType<BasicLit>().FirstOrDefault(b => b.Text.Length > 0 && b.Kind is not (LitKind.Null or LitKind.Bool or LitKind.Bottom)) is { } lit)
        {
            return lit.Kind is LitKind.String or LitKind.Bytes ? Reindent(lit.Text, level) : lit.Text;
        }

        return ScalarText(d, level);
    }

    // A conjunct's expression; an element of a list sum that came in as part of the sum still shows as the name
    // v0.4 gives it.
    private static Expr? ShownExpr(Conjunct c) =>
        c.Expr ?? (c.Data is { Conjuncts: [{ Expr: VertexRefExpr { Shown: not null } named }] } ? named : null);

    /// <summary>A validator of a package printed in a value makes the output import that package.</summary>
    private void NoteImports(Value d)
    {
        foreach (var b in d is ConstraintValue c ? c.Bounds : [d])
        {
            if (b is ValidatorValue { PackagePath: { Length: > 0 } path })
            {
                var slash = path.LastIndexOf('/');
                _imports.Add((path, slash >= 0 ? path[(slash + 1)..] : path));
            }
        }
    }

    private static string ScalarText(Value d, int level) => d switch
    {
        NumValue n => NumberText(n),
        StringValue str => StringText(str.S, level),
        _ => d.ToString() ?? "_",
    };

    /// <summary>A number as <c>cue eval</c> prints a computed one: a float always shows it is one
    /// (<c>2.0</c>), and exponents are written with a small e (<c>1.5e+3</c>).</summary>
    private static string NumberText(NumValue n)
    {
        var text = n.D.ToString();
        if (!n.IsInt && text.IndexOfAny(['.', 'e', 'E']) < 0)
        {
            text += ".0";
        }

        var e = text.IndexOf('E', StringComparison.Ordinal);
        return e >= 0 && (!n.IsInt || e < text.Length - 1) ? text.ToLowerInvariant() : text;
    }

    /// <summary>
    /// A list element that is a literal of the source prints as it was written (<c>0x10</c>, <c>#"raw"#</c>),
    /// normalised the way cue/format does, as in <c>cue eval</c>: v0.4 keeps the literal of an element but not
    /// of a field. Null when the element is not such a literal.
    /// </summary>
    private static string? SourceLiteral(Vertex element, Value d, int level)
    {
        if (d is not (StringValue or NumValue or BytesValue))
        {
            return null;
        }

        foreach (var c in element.Conjuncts)
        {
            if (c.Expr is not BasicLit { Kind: LitKind.String or LitKind.Bytes or LitKind.Int or LitKind.Float } b || b.Text.Length == 0)
            {
                continue;
            }

            return b.Kind switch
            {
                LitKind.Int => IntLiteral(b.Text),
                LitKind.Float => FloatLiteral(b.Text),
                _ => level < 6 ? Reindent(b.Text, level) : b.Text,
            };
        }

        return null;
    }

    private static string IntLiteral(string t)
    {
        if (t.Length > 1 && t[0] == '0' && char.IsAsciiDigit(t[1]))
        {
            t = "0o" + t[1..];
        }

        var dot = t.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0 && dot + 1 < t.Length && t[dot + 1] > '9')
        {
            t = t[..(dot + 1)] + "0" + t[(dot + 1)..];
        }

        var e = t.IndexOf('E', StringComparison.Ordinal);
        return e >= 0 && e < t.Length - 1 ? t.ToLowerInvariant() : t;
    }

    private static string FloatLiteral(string t)
    {
        var dot = t.IndexOf('.', StringComparison.Ordinal);
        if (dot == 0)
        {
            t = "0" + t;
        }
        else if (dot == t.Length - 1)
        {
            t += "0";
        }
        else if (dot > 0 && t[dot + 1] > '9')
        {
            t = t[..(dot + 1)] + "0" + t[(dot + 1)..];
        }

        return t.Contains('E', StringComparison.Ordinal) ? t.ToLowerInvariant() : t;
    }

    /// <summary>A multi-line string literal moved to the indentation of <paramref name="level"/>: the lines that
    /// carry the closing quotes' indentation get the new one instead, the others stay as written.</summary>
    internal static string Reindent(string literal, int level)
    {
        var close = literal.LastIndexOf('\n');
        if (close < 0)
        {
            return literal;
        }

        var ws = close + 1;
        while (ws < literal.Length && literal[ws] is ' ' or '\t')
        {
            ws++;
        }

        var old = literal[close..ws];
        return literal.Replace(old, "\n" + new string(' ', (level + 1) * 4), StringComparison.Ordinal);
    }

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
            var el = l.Elems[i];
            ev.Finalize(el);
            if (el.BaseValue is not DisjunctionValue && SourceLiteral(el, ev.Deref(el), level) is { } literal)
            {
                sb.Append(literal);
                continue;
            }

            Value(sb, el, level);
        }

        sb.Append(']');
    }
}
