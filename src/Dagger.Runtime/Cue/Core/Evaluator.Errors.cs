using System.Text;
using Dagger.Runtime.Cue.Syntax;

namespace Dagger.Runtime.Cue.Core;

/// <summary>Construction of error values that need more context than the place where they are detected.</summary>
internal sealed partial class Evaluator
{
    private static void NoteBoundPos(NodeState s, Value bound, Pos pos)
    {
        if (pos.IsValid)
        {
            (s.BoundPos ??= new Dictionary<Value, Pos>(ReferenceEqualityComparer.Instance)).TryAdd(bound, pos);
        }
    }

    /// <summary>A value that fails a bound or validator: the positions are the bound's (a validator's arguments
    /// too) and the value's.</summary>
    private static Bottom OutOfBound(NodeState s, Value bound, Bottom err)
    {
        if (err.Inputs.Count > 0 || err.Pos.IsValid || s.BoundPos is null || !s.BoundPos.TryGetValue(bound, out var at))
        {
            return err;
        }

        // A predicate used without a call (`time.Duration & "3x"`) is not listed, as v0.4 keeps no position for it.
        IReadOnlyList<Pos> inputs = bound is ValidatorValue v
            ? v.Start.IsValid ? [at, .. v.ArgPositions.Where(p => p.IsValid), s.ScalarPos] : [s.ScalarPos]
            : [at, s.ScalarPos];
        return new Bottom(err.Code, err.Message) { Inputs = inputs, Sub = err.Sub };
    }

    /// <summary>Records a conflict of the node; every conflict is reported (the reference lists them all), while
    /// the node keeps failing with the first.</summary>
    private static void AddConflict(NodeState s, Bottom conflict)
    {
        if (s.Error is null)
        {
            s.Error = conflict;
            s.Conflict = conflict;
        }
        else if (ReferenceEquals(s.Error, s.Conflict))
        {
            (s.Conflict.Sub ??= []).Add(conflict);
        }
    }

    /// <summary>
    /// The error for a field that the closed structs of <paramref name="v"/> reject. Like the reference it is
    /// reported at the parent's path (<c>x: field b not allowed</c>) with the positions of the closing
    /// definition and of the field; unlike the reference it also names the definition.
    /// </summary>
    private Bottom NotAllowed(Vertex v, Vertex arc)
    {
        var defs = new List<Vertex>();
        var positions = new List<Pos>();
        var seen = new HashSet<CloseInfo>();
        foreach (var si in v.Structs)
        {
            CloseInfo? prev = null;
            for (var c = si.Ci; c is not null; prev = c, c = c.Parent)
            {
                if (!c.Closing || !seen.Add(c))
                {
                    continue;
                }

                var group = v.Structs.Where(s => s.Ci is not null && s.Ci.Contains(c)).ToList();
                if (group.Any(s => Admits(s, arc.Label)))
                {
                    continue;
                }

                // A reference to a definition is a node that records the followed arc, just under the closing node.
                if (prev?.RefArc is { } def && !defs.Contains(def))
                {
                    defs.Add(def);
                }

                positions.AddRange(group.Where(s => s.Lit is not null).Select(s => s.Lit!.Pos));
            }
        }

        if (defs.Count == 0 && positions.Count == 0)
        {
            for (var p = v; p is not null; p = p.Parent)
            {
                if (p.Label != Labels.None && Labels.IsDefinition(p.Label))
                {
                    defs.Add(p);
                    positions.AddRange(p.Conjuncts.Where(c => c.Expr is not null).Select(c => c.Expr!.Pos));
                    break;
                }
            }
        }

        positions.Add(arc.Pos);
        var parentPath = v.PathString(Names);
        var fieldPath = arc.PathString(Names);
        var name = parentPath.Length > 0 && fieldPath.StartsWith(parentPath + ".", StringComparison.Ordinal) ? fieldPath[(parentPath.Length + 1)..] : fieldPath;
        var by = defs.Count > 0 ? $" (closed by {string.Join(" and ", defs.Select(d => d.PathString(Names)).Distinct())})" : "";
        return new Bottom(ErrorCode.Eval, $"field {name} not allowed{by}") { Inputs = positions, Path = parentPath };
    }
    /// <summary>A reference or literal as the source writes it (<c>x.a</c>, <c>x[0]</c>, <c>1</c>); null for any
    /// other expression.</summary>
    internal static string? SourceText(Expr e) => e switch
    {
        Ident id => id.Name,
        BasicLit lit when lit.Text.Length > 0 => lit.Text,
        SelectorExpr sel when SourceText(sel.X) is { } x => $"{x}.{sel.Sel}",
        IndexExpr ix when SourceText(ix.X) is { } x && SourceText(ix.Index) is { } i => $"{x}[{i}]",
        ParenExpr p when SourceText(p.X) is { } x => $"({x})",
        _ => null,
    };

    /// <summary>
    /// A value as v0.4 prints it in the errors of builtin arguments: structs and lists in full on one line
    /// (<c>{b:1,"f-g":[1,"x"]}</c>), where conflicts elsewhere shorten them to <c>{...}</c>.
    /// </summary>
    internal string Show(Value v)
    {
        var sb = new StringBuilder();
        Show(sb, v, 0, false);
        return sb.ToString();
    }

    /// <summary>
    /// A disjunction as v0.4 prints an evaluated one in <c>incomplete value</c> and <c>unresolved disjunction</c>:
    /// its disjuncts in full on one line, joined by <c> | </c>, nested disjunctions alike (<c>{a:*1 | 2} | [1]</c>).
    /// </summary>
    /// <param name="d">The disjunction.</param>
    /// <param name="count">How many disjuncts to show, from the first.</param>
    /// <param name="marks">Whether defaults show their <c>*</c>.</param>
    internal string ShowDisjuncts(DisjunctionValue d, int count, bool marks)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            sb.Append(i == 0 ? "" : " | ").Append(marks && i < d.NumDefaults ? "*" : "");
            Show(sb, d.Values[i], 1, true);
        }

        return sb.ToString();
    }

    // Arguments of builtins are shown before their fields are evaluated, so a disjunction there is the expression
    // (`(1|2)`); an evaluated value shows its disjunctions as values (`1 | 2`).
    private void Show(StringBuilder sb, Value v, int depth, bool evaluated)
    {
        if (v is Vertex vx)
        {
            v = Evaluate(vx) is DisjunctionValue d ? d : Deref(vx);
        }

        // A value that deep is only ever a runaway; the message stays readable.
        if (depth > 64)
        {
            sb.Append("...");
            return;
        }

        switch (v)
        {
            case Vertex { IsList: true } l:
                sb.Append('[');
                var first = true;
                foreach (var e in l.Elems)
                {
                    sb.Append(first ? "" : ",");
                    first = false;
                    Show(sb, e, depth + 1, evaluated);
                }

                sb.Append(']');
                return;
            case Vertex { IsStruct: true } st:
                sb.Append('{');
                var firstField = true;
                foreach (var a in st.Arcs)
                {
                    sb.Append(firstField ? "" : ",");
                    firstField = false;
                    var name = Names.Name(a.Label);
                    sb.Append(Labels.IsString(a.Label) ? CueText.Label(name) : name);
                    if (Names.PackageOf(a.Label) is { Length: > 0 } pkg && pkg != "_")
                    {
                        // v0.4 qualifies a hidden field with its package, as hidden fields are private to it.
                        sb.Append('(').Append(pkg).Append(')');
                    }

                    sb.Append(':');
                    Show(sb, a, depth + 1, evaluated);
                }

                sb.Append('}');
                return;
            case DisjunctionValue dv when evaluated:
                sb.Append(ShowDisjuncts(dv, dv.Values.Count, true));
                return;
            case DisjunctionValue dv:
                sb.Append('(');
                for (var i = 0; i < dv.Values.Count; i++)
                {
                    sb.Append(i == 0 ? "" : "|").Append(i < dv.NumDefaults ? "*" : "");
                    Show(sb, dv.Values[i], depth + 1, evaluated);
                }

                sb.Append(')');
                return;
            default:
                sb.Append(Describe(v));
                return;
        }
    }

    /// <summary>
    /// Where v0.4 reports an error about a builtin's argument: where its value came from. A field reached by
    /// reference gives its scalar's position, or the field's own for a struct or list, and none for a type or
    /// bound (v0.4 keeps no position on those); any other expression gives where it starts.
    /// </summary>
    internal static Pos ArgumentPos(Value arg, Expr? expr)
    {
        if (arg is Vertex { Label: not Labels.None } field)
        {
            var value = field.BaseValue;
            return value is StructMarker or ListMarker ? field.Pos
                : value is not null && value.IsConcrete ? (field.ValuePos.IsValid ? field.ValuePos : field.Pos)
                : default;
        }

        return expr is null ? default : StartOfOperand(expr);
    }

    /// <summary>Where v0.4 reports an error about a list element: where its scalar came from, or the element.</summary>
    internal static Pos ElementPos(Vertex element) =>
        element.BaseValue is { IsConcrete: true } and not (StructMarker or ListMarker) && element.ValuePos.IsValid ? element.ValuePos : element.Pos;

    // Go's ast Pos of an expression: a binary expression, selector or index starts with its left operand.
    private static Pos StartOfOperand(Expr e) => e switch
    {
        ParenExpr p => p.Pos,
        BinaryExpr b => StartOfOperand(b.X),
        SelectorExpr s => StartOfOperand(s.X),
        IndexExpr i => StartOfOperand(i.X),
        SliceExpr s => StartOfOperand(s.X),
        CallExpr c => StartOfOperand(c.Fun),
        _ => e.Pos,
    };

    /// <summary>
    /// v0.4 evaluates the argument of <c>close</c> on its own, as for any builtin, and accepts only a struct;
    /// null when the argument is one, or cannot be judged here (an error or incomplete value, left to the
    /// conjunct itself, or a disjunction).
    /// </summary>
    private Bottom? CloseArgumentError(Env env, CallExpr call)
    {
        var expr = call.Args[0];
        while (expr is ParenExpr p)
        {
            expr = p.X;
        }

        if (expr is StructLit)
        {
            return null;
        }

        var raw = EvalValue(env, expr);
        if (raw is Vertex { BaseValue: DisjunctionValue } && Deref(raw) is Bottom { Unresolved: true } unresolved)
        {
            // v0.4 takes the argument's default; without one the call waits, as any builtin's does.
            return unresolved.At(StartOfOperand(call.Fun));
        }

        var v = raw is Vertex { BaseValue: DisjunctionValue } ? raw : Deref(raw);
        switch (v)
        {
            case Bottom or DisjunctionValue or Vertex { BaseValue: DisjunctionValue or null }:
            case Vertex { IsStruct: true }:
                return null;
            case TopValue:
            case Vertex { BaseValue: TopValue }:
                return Bottom.Error("struct argument must be concrete", StartOfOperand(call.Fun));
            default:
                return Bottom.Error($"cannot use {Show(v)} (type {KindNames.Name(v.Kind)}) as struct in argument 1 to close", ArgumentPos(raw, expr));
        }
    }
}
