using System.Text;

using Dagger.Runtime.Cue.Core;
using Dagger.Runtime.Cue.Errors;

namespace Dagger.Runtime.Cue.Export;

/// <summary>Writes concrete values as JSON exactly like <c>cue export</c>.</summary>
internal sealed class JsonExporter(Evaluator ev, bool indent)
{
    public static string Export(Evaluator ev, Vertex v, bool indent = true) => Build(ev, v, indent).ToString();

    /// <summary>The JSON text in a builder, whose chunks a caller can write out without one large string.</summary>
    public static StringBuilder Build(Evaluator ev, Vertex v, bool indent = true)
    {
        var sb = new StringBuilder();
        new JsonExporter(ev, indent).Write(sb, v, 0);
        return sb;
    }

    /// <summary>Throws every real error below <paramref name="v"/>, definitions and hidden fields included.</summary>
    public static void Validate(Evaluator ev, Vertex v)
    {
        ev.Finalize(v);
        if (v.BaseValue is Bottom { IsIncomplete: false } || v.ChildError is not null)
        {
            var errors = new List<CueError>();
            ErrorCollector.CollectErrors(ev.Names, v, errors);
            throw new CueEvalException(errors, false);
        }
    }

    /// <summary>Runs an export of <paramref name="v"/>; when it fails on a value that is not concrete, reports
    /// every such value of the regular fields, not only the first one met.</summary>
    public static T Checked<T>(Evaluator ev, Vertex v, Func<T> export)
    {
        ArgumentNullException.ThrowIfNull(export);
        Validate(ev, v);
        try
        {
            return export();
        }
        catch (CueEvalException)
        {
            var errors = new List<CueError>();
            var incomplete = ErrorCollector.CollectIncomplete(ev, v, errors);
            if (errors.Count == 0)
            {
                throw;
            }

            throw new CueEvalException(errors, incomplete);
        }
    }

    internal static string Format(string path, Bottom b, Syntax.Pos fallback = default) =>
        string.Join("\n", CueError.Sanitize(ErrorsOf(path, b, fallback)));

    private static CueErrorKind KindOf(Bottom b) => b.Code switch
    {
        ErrorCode.Incomplete => CueErrorKind.Incomplete,
        ErrorCode.Cycle or ErrorCode.StructuralCycle => CueErrorKind.Cycle,
        _ when b.Message.StartsWith("conflicting values", StringComparison.Ordinal) || b.Message.Contains(" not allowed", StringComparison.Ordinal) => CueErrorKind.Conflict,
        _ => CueErrorKind.Evaluation,
    };

    /// <summary>The reportable errors of an error value: itself and, for an empty disjunction, each failed term.
    /// An error without any position gets the position of its field (the reference prints none there).</summary>
    internal static IEnumerable<CueError> ErrorsOf(string path, Bottom b, Syntax.Pos fallback = default)
    {
        var marker = b.Path is "";
        if (marker)
        {
            path = "";
        }

        var inputs = b.Inputs.Where(p => p.IsValid).ToList();
        if (!marker && !b.Pos.IsValid && inputs.Count == 0 && b.Sub is null)
        {
            var f = b.FieldPos.IsValid ? b.FieldPos : fallback;
            if (f.IsValid)
            {
                inputs.Add(f);
            }
        }

        yield return new CueError(path, b.Message, b.Pos, inputs) { Kind = KindOf(b) };
        foreach (var sub in b.Sub ?? [])
        {
            foreach (var e in ErrorsOf(sub.Path ?? path, sub, fallback))
            {
                yield return e;
            }
        }
    }

    internal static CueEvalException Fail(Evaluator ev, Vertex v, Bottom b) => new(ErrorsOf(b.Path ?? v.PathString(ev.Names), b, v.Pos), b.IsIncomplete);

    /// <summary>Like <see cref="Fail"/>, for a value selected by path: even a cycle marker is reported at it.</summary>
    internal static CueEvalException FailAt(Evaluator ev, Vertex v, Bottom b) =>
        b.Path is "" ? new([new CueError(v.PathString(ev.Names), b.Message, b.Pos, []) { Kind = KindOf(b) }], true) : Fail(ev, v, b);

    /// <summary>Resolves a vertex to the value to print: the default of a disjunction, and errors for the rest.</summary>
    internal static Value Concrete(Evaluator ev, Vertex v)
    {
        ev.Finalize(v);
        var d = ev.Deref(v);
        if (d is Bottom b)
        {
            if (v.BaseValue is DisjunctionValue dv && !(dv.NumDefaults == 0 && dv.HadMarks))
            {
                throw new CueEvalException(ErrorsOf(v.PathString(ev.Names), Bottom.Incomplete($"incomplete value {ev.ShowDisjuncts(dv, dv.NumDefaults > 0 ? dv.NumDefaults : dv.Values.Count, false)}")), true);
            }

            throw Fail(ev, v, b);
        }

        if (d is BuiltinValue bf)
        {
            // The reference's wording: a function held in a field has no data form.
            throw Fail(ev, v, Bottom.Error($"cannot convert value \"{bf.Fn.Name}\" of type *adt.Builtin to JSON"));
        }

        if (d is Vertex dx)
        {
            ev.Finalize(dx);
            if (dx.PendingError is { } pe)
            {
                throw Fail(ev, dx, pe);
            }

            if (dx.ChildError is { } ce)
            {
                throw new CueEvalException(ErrorsOf(ce.Path ?? dx.PathString(ev.Names), ce), false);
            }

            return dx;
        }

        if (!d.IsConcrete)
        {
            throw new CueEvalException(ErrorsOf(v.PathString(ev.Names), Bottom.Incomplete($"incomplete value {d}"), v.Pos), true);
        }

        return d;
    }

    private void NewLine(StringBuilder sb, int level)
    {
        if (indent)
        {
            sb.Append('\n').Append(' ', level * 4);
        }
    }

    private void Write(StringBuilder sb, Vertex v, int level)
    {
        var d = Concrete(ev, v);
        switch (d)
        {
            case Vertex { IsList: true } l:
                if (l.Elems.Count == 0)
                {
                    sb.Append("[]");
                    return;
                }

                sb.Append('[');
                for (var i = 0; i < l.Elems.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    NewLine(sb, level + 1);
                    Write(sb, l.Elems[i], level + 1);
                }

                NewLine(sb, level);
                sb.Append(']');
                return;
            case Vertex s:
                {
                    var first = true;
                    foreach (var a in ExportOrder.Arcs(s))
                    {
                        if (!Labels.IsString(a.Label))
                        {
                            continue;
                        }

                        sb.Append(first ? "{" : ",");
                        first = false;
                        NewLine(sb, level + 1);
                        WriteString(sb, ev.Names.Name(a.Label));
                        sb.Append(indent ? ": " : ":");
                        Write(sb, a, level + 1);
                    }

                    if (first)
                    {
                        sb.Append("{}");
                        return;
                    }

                    NewLine(sb, level);
                    sb.Append('}');
                    return;
                }

            default:
                WriteScalar(sb, d);
                return;
        }
    }

    internal static void WriteScalar(StringBuilder sb, Value d)
    {
        switch (d)
        {
            case NullValue:
                sb.Append("null");
                break;
            case BoolValue b:
                sb.Append(b.B ? "true" : "false");
                break;
            case NumValue n:
                sb.Append(n.D.ToString());
                break;
            case StringValue s:
                WriteString(sb, s.S);
                break;
            case BytesValue by:
                sb.Append('"').Append(Convert.ToBase64String(by.B)).Append('"');
                break;
        }
    }

    /// <summary>Go's encoding/json string escaping (HTML-safe).</summary>
    internal static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '<': sb.Append("\\u003c"); break;
                case '>': sb.Append("\\u003e"); break;
                case '&': sb.Append("\\u0026"); break;
                case '\u2028': sb.Append("\\u2028"); break;
                case '\u2029': sb.Append("\\u2029"); break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
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
