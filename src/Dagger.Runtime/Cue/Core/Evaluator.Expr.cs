using System.Numerics;
using System.Text;

using Dagger.Runtime.Cue.Syntax;

namespace Dagger.Runtime.Cue.Core;

internal sealed partial class Evaluator
{
    /// <summary>
    /// The value of <paramref name="v"/> for use as an operand: vertices are evaluated and defaults selected.
    /// Structs and lists come back as their vertex.
    /// </summary>
    public Value Deref(Value v)
    {
        for (var guard = 0; guard < 100; guard++)
        {
            if (v is not Vertex vx)
            {
                return v;
            }

            var bv = Evaluate(vx);
            switch (bv)
            {
                case DisjunctionValue d:
                    if (d.NumDefaults == 1)
                    {
                        v = d.Values[0];
                        continue;
                    }

                    if (d.NumDefaults == 0 && d.HadMarks)
                    {
                        // v0.4 fails here without a message; say what happened.
                        return Bottom.Incomplete("no default: every disjunct that survived came from a non-default term of some disjunction");
                    }

                    return new Bottom(ErrorCode.Incomplete, $"unresolved disjunction {ShowDisjuncts(d, d.Values.Count, true)} (type {KindNames.Name(d.Kind)})") { Unresolved = true };
                case StructMarker or ListMarker:
                    return vx;
                case Vertex inner when !ReferenceEquals(inner, vx):
                    return inner;
                case Vertex:
                    return vx;
                default:
                    return bv;
            }
        }

        return Bottom.Error("reference chain too long");
    }

    private Value Concrete(Value v, string what, Pos pos)
    {
        var source = v as Vertex;
        v = Deref(v);
        if (v is Bottom b)
        {
            return b.At(pos);
        }

        if (v is Vertex || v.IsConcrete)
        {
            return v;
        }

        // The reference's wording: the operator form names the operand's value first; the field the value came
        // from is an input position.
        const string operand = "invalid operand to ";
        var message = what.StartsWith(operand, StringComparison.Ordinal) ? $"non-concrete value {v} in operand to {what[operand.Length..]}"
            : what == "invalid interpolation" ? $"{what}: non-concrete value {v} (type {KindNames.Name(v.Kind)})"
            : $"{what}: non-concrete value {v}";
        return new Bottom(ErrorCode.Incomplete, message, pos) { Inputs = source is { Pos.IsValid: true } ? [source.Pos] : [] };
    }

    /// <summary>Where an expression starts (a binary expression's position is its operator's).</summary>
    private static Pos Start(Expr e) => e is BinaryExpr b ? Start(b.X) : e.Pos;

    /// <summary>
    /// An operand made concrete. A non-concrete value reached through a reference may still become concrete
    /// (incomplete); one written in place, like <c>string + "x"</c>, never will (an error, as in v0.4).
    /// </summary>
    private Value Operand(Value raw, Expr e, string op, Pos pos)
    {
        var v = Concrete(raw, $"invalid operand to {op}", pos);
        if (v is Bottom { Code: ErrorCode.Incomplete } b && !IsReference(e) && Deref(raw) is var d && d is not Bottom && !d.IsConcrete)
        {
            return Bottom.Error($"invalid operand {d} ('{op}' requires concrete value)", b.Pos);
        }

        return v;
    }

    private static bool IsReference(Expr e) => e switch
    {
        ParenExpr p => IsReference(p.X),
        Ident { Kind: not RefKind.Predeclared } or SelectorExpr or IndexExpr or CallExpr or SliceExpr => true,
        BinaryExpr bin => IsReference(bin.X) || IsReference(bin.Y),
        UnaryExpr u => IsReference(u.X),
        _ => false,
    };

    private static Env? Up(Env env, int n)
    {
        Env? e = env;
        for (var i = 0; i < n && e is not null; i++)
        {
            e = e.Up;
        }

        return e;
    }

    /// <summary>Whether <paramref name="v"/> declares <paramref name="label"/> as an optional field.</summary>
    private static bool HasOptional(Vertex v, int label)
    {
        foreach (var p in v.Patterns)
        {
            if (p.ExactLabel == label)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Resolves an identifier to a vertex (for fields and bindings) or a value.</summary>
    private Value ResolveIdent(Env env, Ident id)
    {
        switch (id.Kind)
        {
            case RefKind.Predeclared:
                return Predeclared.Get((string)id.Target!);
            case RefKind.Import:
                {
                    var file = env.FindFile();
                    if (file is not null && file.Imports.TryGetValue((string)id.Target!, out var pkg))
                    {
                        return pkg;
                    }

                    return Imports((string)id.Target!) ?? Bottom.Error($"import \"{id.Target}\" not found", id.Pos);
                }
        }

        var e = Up(env, id.UpCount);
        if (e is null)
        {
            return Bottom.Error($"reference \"{id.Name}\" not found", id.Pos);
        }

        switch (id.Kind)
        {
            case RefKind.LabelAlias:
                return e.DynLabel == Labels.None ? Bottom.Incomplete("label not known") : new StringValue(Names.Name(e.DynLabel));
            case RefKind.StructLet:
                {
                    var decl = (LetDecl)id.Target!;
                    e.Lets ??= [];
                    if (!e.Lets.TryGetValue(decl, out var lv))
                    {
                        lv = new Vertex(e.Vertex, Labels.None);
                        lv.Conjuncts.Add(new Conjunct(e, decl.Expr, null));
                        e.Lets[decl] = lv;
                    }

                    return lv;
                }

            case RefKind.DynamicField:
                {
                    var f = (Field)id.Target!;
                    var lv = Deref(EvalValue(e, f.Label.Expr!));
                    if (lv is not StringValue ls)
                    {
                        return lv as Bottom ?? Bottom.Error($"invalid label for alias {id.Name}", id.Pos);
                    }

                    return e.Vertex.Lookup(Names.String(ls.S)) ?? (Value)Bottom.Incomplete($"reference \"{id.Name}\" not found", id.Pos);
                }

            case RefKind.ClauseVar:
                return e.Vertex.Bindings is { } b && b.TryGetValue(id.Label, out var bound)
                    ? bound
                    : Bottom.Error($"reference \"{id.Name}\" not found", id.Pos);
        }

        var holder = e.Vertex;
        if (holder.Status == VertexStatus.Unprocessed)
        {
            Evaluate(holder);
        }

        var arc = holder.Lookup(id.Label);
        if (arc is null && holder.BaseValue is DisjunctionValue)
        {
            var dv = Deref(holder);
            if (dv is Vertex dvx)
            {
                arc = dvx.Lookup(id.Label);
            }
        }

        if (arc is not null)
        {
            return arc;
        }

        if (Tracking)
        {
            // A field added later (a fill) resolves this reference.
            NoteRead(holder, ReadKind.Value);
        }

        if (HasOptional(holder, id.Label))
        {
            return Bottom.Incomplete($"cannot reference optional field {id.Name}", id.Pos);
        }

        return Bottom.Incomplete($"reference \"{id.Name}\" not found", id.Pos);
    }

    /// <summary>Evaluates an expression to a value; structs and lists come back as vertices.</summary>
    public Value EvalValue(Env env, Expr e)
    {
        EnsureStack();
        switch (e)
        {
            case BasicLit b:
                return LitValue(b);
            case ParenExpr p:
                return EvalValue(env, p.X);
            case Ident id:
                return ResolveIdent(env, id);
            case SelectorExpr sel:
                return Select(env, sel);
            case IndexExpr ix:
                return Index(env, ix);
            case SliceExpr sl:
                return Slice(env, sl);
            case CallExpr call:
                return Call(env, call);
            case UnaryExpr u:
                return Unary(env, u);
            case BinaryExpr { Op: not BinOp.And } b:
                return Binary(env, b, null, null)!;
            case Interpolation ip:
                return Interpolate(env, ip);
            case VertexRefExpr vr:
                return vr.Vertex;
            default:
                {
                    var t = new Vertex(env.Vertex, Labels.None) { Pos = e.Pos };
                    t.Conjuncts.Add(new Conjunct(env, e, null));
                    Evaluate(t);
                    return t;
                }
        }
    }

    internal static Value LitValue(BasicLit b) => b.Kind switch
    {
        LitKind.Null => NullValue.Instance,
        LitKind.Bool => BoolValue.Of((bool)b.Value!),
        LitKind.Int or LitKind.Float => (Value)b.Value!,
        LitKind.String => new StringValue((string)b.Value!),
        LitKind.Bytes => new BytesValue((byte[])b.Value!),
        _ => new Bottom(ErrorCode.User, "explicit error (_|_ literal) in source", b.Pos),
    };

    private Value Select(Env env, SelectorExpr sel)
    {
        var raw = EvalValue(env, sel.X);
        if (!Labels.IsRegular(sel.Label) && raw is Vertex rv && Evaluate(rv) is not (DisjunctionValue or Bottom) && rv.Lookup(sel.Label) is { } declared)
        {
            // A definition or hidden field beside an embedded scalar or list (`{string, #up: 1}`) can be selected.
            return declared;
        }

        var x = Deref(raw);
        if (x is Bottom { Code: ErrorCode.Cycle } && raw is Vertex { State: not null } busy)
        {
            // A struct selected from inside its own evaluation (`a: a.#T & {...}`) has no value yet, but v0.4
            // looks the field up among the arcs it has so far.
            x = busy;
        }

        if (x is Bottom xb)
        {
            return xb.At(StartOfOperand(sel));
        }

        if (x is PackageValue pkg)
        {
            return pkg.Members.TryGetValue(sel.Sel, out var m) ? m : Bottom.Error($"undefined: {pkg.Name}.{sel.Sel}", sel.Pos);
        }

        if (x is not Vertex vx || !(vx.IsStruct || vx.State is not null))
        {
            if (!x.IsConcrete && x is not Vertex && (x.Kind & Kind.Struct) != 0)
            {
                return Bottom.Incomplete($"undefined field {sel.Sel}", sel.Pos);
            }

            return Bottom.Error($"invalid selector {sel.Sel} for value of type {KindNames.Name(x.Kind)}", sel.Pos);
        }

        var arc = vx.Lookup(sel.Label);
        if (arc is not null)
        {
            return arc;
        }

        if (HasOptional(vx, sel.Label))
        {
            return Bottom.Incomplete($"cannot reference optional field {sel.Sel}", sel.Pos);
        }

        if (vx.PendingError is { } pending)
        {
            return pending;
        }

        if (vx.State is { } st)
        {
            // The struct is still being built. While a comprehension or dynamic field of it may still add the
            // field, or it waits on a cycle itself, this is a cycle (the selection is retried after them);
            // otherwise the field is just missing so far, an incomplete value as in v0.4 (`a: a.#T & {...}`
            // stays as written rather than dropping a.#T as a resolved cycle).
            _cycleHit = Math.Min(_cycleHit, st.Depth);
            var mayStillCome = st.Comps.Count > 0 || st.DynFields.Count > 0 || (st.Pending.Count > 0 && st.PendingCycleOnly);
            return new Bottom(mayStillCome ? ErrorCode.Cycle : ErrorCode.Incomplete, $"undefined field {sel.Sel}", sel.Pos);
        }

        // Like v0.4, only a label the closed struct does not accept is a permanent error; one a pattern of it
        // admits (`env: [string]: string` in a definition) may still be supplied, so the selection is incomplete.
        var closed = vx.ClosedByLabel || vx.Structs.Any(si => si.Ci is not null && ClosedChain(si.Ci));
        return closed && Labels.IsRegular(sel.Label) && !Accept(vx, sel.Label)
            ? Bottom.Error($"undefined field {sel.Sel}", sel.Pos)
            : Bottom.Incomplete($"undefined field {sel.Sel}", sel.Pos);
    }

    private static bool ClosedChain(CloseInfo ci)
    {
        for (var c = ci; c is not null; c = c.Parent)
        {
            if (c.Closing)
            {
                return true;
            }
        }

        return false;
    }

    private Value Index(Env env, IndexExpr ix)
    {
        var x = Deref(EvalValue(env, ix.X));
        if (x is Bottom xb)
        {
            return xb.At(StartOfOperand(ix));
        }

        var i = Concrete(EvalValue(env, ix.Index), "invalid index", ix.Pos);
        if (i is Bottom ib)
        {
            return ib.Unresolved ? new Bottom(ib.Code, ib.Message, StartOfOperand(ix)) { Unresolved = true } : ib;
        }

        if (x is Vertex { IsList: true } lv)
        {
            if (i is not NumValue { IsInt: true } n)
            {
                return Bottom.Error($"invalid list index {i} (type {KindNames.Name(i.Kind)})", ix.Pos);
            }

            var idx = n.D.ToBigInteger();
            if (idx < 0 || idx >= lv.Elems.Count)
            {
                var open = lv.BaseValue is ListMarker { IsOpen: true };
                var msg = $"index out of range [{idx}] with length {lv.Elems.Count}";
                return open && idx == lv.Elems.Count ? Bottom.Incomplete(msg, ix.Pos) : Bottom.Error(msg, ix.Pos);
            }

            return lv.Elems[(int)idx];
        }

        if (x is Vertex { IsStruct: true } sv)
        {
            if (i is not StringValue s)
            {
                return Bottom.Error($"invalid struct index {i} (type {KindNames.Name(i.Kind)})", ix.Pos);
            }

            return sv.Lookup(Names.String(s.S)) ?? (Value)Bottom.Incomplete($"undefined field {s.S}", ix.Pos);
        }

        if (x is StringValue or BytesValue)
        {
            if (i is not NumValue { IsInt: true } n)
            {
                return Bottom.Error($"invalid index {i}", ix.Pos);
            }

            var bytes = x is StringValue str ? Encoding.UTF8.GetBytes(str.S) : ((BytesValue)x).B;
            var k = n.D.ToBigInteger();
            if (k < 0 || k >= bytes.Length)
            {
                return Bottom.Error($"index out of range [{k}] with length {bytes.Length}", ix.Pos);
            }

            return NumValue.Int(bytes[(int)k]);
        }

        if (!x.IsConcrete)
        {
            return Bottom.Incomplete($"invalid index: non-concrete value {x}", ix.Pos);
        }

        return Bottom.Error($"invalid operation: cannot index {Describe(x)} (type {KindNames.Name(x.Kind)})", ix.Pos);
    }

    private Value Slice(Env env, SliceExpr sl)
    {
        var x = Deref(EvalValue(env, sl.X));
        if (x is Bottom)
        {
            return x;
        }

        int Bound(Expr? b, int dflt, out Bottom? err)
        {
            err = null;
            if (b is null)
            {
                return dflt;
            }

            var v = Concrete(EvalValue(env, b), "invalid slice index", sl.Pos);
            if (v is NumValue { IsInt: true } n)
            {
                return (int)n.D.ToBigInteger();
            }

            err = v as Bottom ?? Bottom.Error("invalid slice index", sl.Pos);
            return 0;
        }

        if (x is Vertex { IsList: true } lv)
        {
            var lo = Bound(sl.Lo, 0, out var e1);
            var hi = Bound(sl.Hi, lv.Elems.Count, out var e2);
            if (e1 is not null || e2 is not null)
            {
                return e1 ?? e2!;
            }

            if (lo < 0 || hi > lv.Elems.Count || lo > hi)
            {
                return Bottom.Error($"invalid slice index [{lo}:{hi}] with length {lv.Elems.Count}", sl.Pos);
            }

            return MakeList(lv.Elems.Skip(lo).Take(hi - lo).Select(a => (Value)a).ToList());
        }

        if (x is StringValue or BytesValue)
        {
            var bytes = x is StringValue str ? Encoding.UTF8.GetBytes(str.S) : ((BytesValue)x).B;
            var lo = Bound(sl.Lo, 0, out var e1);
            var hi = Bound(sl.Hi, bytes.Length, out var e2);
            if (e1 is not null || e2 is not null)
            {
                return e1 ?? e2!;
            }

            if (lo < 0 || hi > bytes.Length || lo > hi)
            {
                return Bottom.Error($"invalid slice index [{lo}:{hi}] with length {bytes.Length}", sl.Pos);
            }

            var part = bytes[lo..hi];
            return x is StringValue ? new StringValue(Encoding.UTF8.GetString(part)) : new BytesValue(part);
        }

        return x.IsConcrete || x is Vertex ? Bottom.Error($"cannot slice {Describe(x)}", sl.Pos) : Bottom.Incomplete($"cannot slice non-concrete value {x}", sl.Pos);
    }

    /// <summary>Builds a closed list from values; vertices are shared as data.</summary>
    internal Vertex MakeList(List<Value> items)
    {
        var l = new Vertex(null, Labels.None) { IsData = true, Status = VertexStatus.Evaluated, BaseValue = ListMarker.Closed };
        for (var i = 0; i < items.Count; i++)
        {
            l.AddArc(Wrap(Labels.Int(i), items[i], l));
        }

        l.Status = VertexStatus.Finalized;
        return l;
    }

    /// <summary>
    /// <c>l1 + l2</c>. v0.4 builds the sum as <c>[for x in l1 {x}, for x in l2 {x}]</c>: an element that is not
    /// complete yet stays a reference to the one it came from, incomplete wherever the sum goes, and prints as
    /// <c>x</c> in <c>cue eval</c>.
    /// </summary>
    private Vertex AddLists(Vertex l1, Vertex l2)
    {
        var sum = new Vertex(null, Labels.None) { IsData = true, Status = VertexStatus.Evaluated, BaseValue = ListMarker.Closed };
        var i = 0;
        foreach (var item in l1.Elems.Concat(l2.Elems))
        {
            Finalize(item);
            if (item.BaseValue is Bottom { IsIncomplete: true })
            {
                var el = new Vertex(sum, Labels.Int(i)) { Pos = item.Pos };
                el.Conjuncts.Add(new Conjunct(null, new VertexRefExpr { Vertex = item, Shown = "x", Pos = item.Pos }, null));
                sum.AddArc(el);
            }
            else
            {
                sum.AddArc(Wrap(Labels.Int(i), item, sum));
            }

            i++;
        }

        sum.Status = VertexStatus.Finalized;
        return sum;
    }

    /// <summary>
    /// A list sum (or product) that is a conjunct of one of its own operands, <c>a: [1, 2] + a</c>. v0.4 computes
    /// <c>x + y</c> as <c>[for e in x {e}, for e in y {e}]</c> and unifies that literal, not its value, into the
    /// vertex. The self-reference is a cycle until the vertex's other conjuncts have made it a list, so the sum comes
    /// after them; then its clauses fill the vertex in turn, and a clause over the vertex itself ranges over all it
    /// holds by then, the earlier clauses' elements included (<c>[1, 2, 1, 2]</c>). The spec calls this a cycle;
    /// real code (a command's <c>args: [...] + args</c>) relies on v0.4's answer.
    /// </summary>
    private bool AddSelfSum(NodeState s, Env env, BinaryExpr b, Value x, Value y, CloseInfo? ci, bool retry, out Bottom? waiting)
    {
        waiting = null;
        Vertex part;
        int times;
        List<Vertex> parts;
        switch (b.Op)
        {
            case BinOp.Add when x is Vertex { IsList: true } l1 && y is Vertex { IsList: true } l2 && (IsSelf(s, l1) || IsSelf(s, l2)):
                parts = [l1, l2];
                break;
            case BinOp.Mul when SelfRepeat(s, x, y, out part, out times) || SelfRepeat(s, y, x, out part, out times):
                parts = [.. Enumerable.Repeat(part, times)];
                break;
            default:
                return false;
        }

        if (!retry)
        {
            s.Pending.Add((env, b, ci));
            return true;
        }

        if (s.Disjs.Count > 0 || s.V.Choices is not null)
        {
            // v0.4 expands a disjunction before the vertex is a list, while the sum is still a cycle.
            waiting = Bottom.Incomplete("incomplete cause disjunction");
            s.Incomplete ??= waiting;
            return true;
        }

        var pos = Start(b);
        MarkList(s, pos);
        var closed = false;
        var max = 0;
        foreach (var l in s.Lists)
        {
            closed |= !l.Open;
            max = Math.Max(max, l.Count);
        }

        var idx = 0;
        var cci = CloseInfo.ForChild(ci);
        foreach (var l in parts)
        {
            // The vertex's own elements as they are now, including those the clauses before added.
            var elems = l.Elems.ToArray();
            foreach (var el in elems)
            {
                var item = new VertexRefExpr { Vertex = el, Shown = "x", Pos = el.Pos };
                AddFieldConjunct(s.V, Labels.Int(idx++), new Conjunct(null, item, cci), null, pos);
            }
        }

        if (closed && idx > max)
        {
            // v0.4 stops such a runaway comprehension with the clause count in place of the length.
            AddError(s, Bottom.Error($"incompatible list lengths ({max} and {parts.Count})"));
            return true;
        }

        s.Lists.Add((null, null, ci, idx, false));
        return true;
    }

    /// <summary>Whether an expression still waiting is a list sum or product of the vertex itself (<see cref="AddSelfSum"/>).</summary>
    private bool WaitsOnSelfSum(NodeState s)
    {
        foreach (var (env, e, _) in s.Pending)
        {
            if (e is BinaryExpr { Op: BinOp.Add or BinOp.Mul } b
                && (IsReference(b.X) && EvalValue(env, b.X) is Vertex vx && IsSelf(s, vx)
                    || IsReference(b.Y) && EvalValue(env, b.Y) is Vertex vy && IsSelf(s, vy)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="l"/> is the vertex under evaluation, or the one a disjunct of it copies.</summary>
    private static bool IsSelf(NodeState s, Vertex l) =>
        ReferenceEquals(l, s.V) || (l.Status == VertexStatus.Evaluating && ReferenceEquals(l.Origin, s.V.Origin));

    private static bool SelfRepeat(NodeState s, Value list, Value count, out Vertex part, out int times)
    {
        part = list as Vertex ?? s.V;
        times = 0;
        if (list is not Vertex { IsList: true } l || !IsSelf(s, l) || count is not NumValue { IsInt: true } n || n.D.Sign < 0)
        {
            return false;
        }

        // Each clause adds as many elements as the vertex had before it: with none, no clause adds any. A count too
        // large for that is left to the plain repetition, which reports it.
        var repeats = n.D.ToBigInteger();
        if (l.Elems.Count > 0 && repeats * l.Elems.Count > MaxRepeatSize)
        {
            return false;
        }

        times = l.Elems.Count == 0 ? 0 : (int)repeats;
        return true;
    }

    /// <summary>Builds a struct from labelled values, in order.</summary>
    internal Vertex MakeStruct(IEnumerable<(string Name, Value Value)> fields)
    {
        var s = new Vertex(null, Labels.None) { IsData = true, Status = VertexStatus.Evaluated, BaseValue = StructMarker.Instance };
        var labels = new List<int>();
        foreach (var (name, value) in fields)
        {
            var lbl = Names.String(name);
            labels.Add(lbl);
            s.AddArc(Wrap(lbl, value, s));
        }

        s.AddStruct(new StructInfo(null, null, null) { DataLabels = [.. labels] });
        s.Status = VertexStatus.Finalized;
        return s;
    }

    private Vertex Wrap(int label, Value v, Vertex parent)
    {
        if (v is Vertex vx)
        {
            Finalize(vx);
            var d = Deref(vx);
            if (d is Vertex dv)
            {
                vx = dv;
            }

            var copy = new Vertex(parent, label)
            {
                IsData = true,
                Status = VertexStatus.Finalized,
                BaseValue = vx.BaseValue,
                Structs = vx.Structs,
                ChildError = vx.ChildError,
            };
            foreach (var a in vx.Arcs)
            {
                copy.AddArc(Wrap(a.Label, a, copy));
            }

            return copy;
        }

        var r = DataVertex(label, v);
        r.Parent = parent;
        return r;
    }

    private Value Unary(Env env, UnaryExpr u)
    {
        var x = Concrete(EvalValue(env, u.X), $"invalid operand to {OpText(u.Op)}", u.Pos);
        if (x is Bottom)
        {
            return x;
        }

        switch (u.Op)
        {
            case Tok.Minus when x is NumValue n:
                // In v0.4 the negation of a zero, either sign, is +0 (the literal -0 is 0); other numbers keep every
                // digit.
                return new NumValue(n.D.IsZero ? new CueDecimal(System.Numerics.BigInteger.Zero, n.D.Exp) : -n.D, n.IsInt);
            case Tok.Plus when x is NumValue:
                return x;
            case Tok.Bang when x is BoolValue b:
                return BoolValue.Of(!b.B);
            case Tok.Lss or Tok.Leq or Tok.Gtr or Tok.Geq when x is NumValue or StringValue or BytesValue:
            case Tok.Neq when x.IsConcrete:
            case Tok.Match or Tok.NotMatch when x is StringValue:
                if (x is StringValue re && u.Op is Tok.Match or Tok.NotMatch)
                {
                    try
                    {
                        Re2.Get(re.S);
                    }
                    catch (ArgumentException ex)
                    {
                        return Bottom.Error($"invalid regular expression {CueText.Quote(re.S)}: {ex.Message}", u.Pos);
                    }
                }

                return new BoundValue(u.Op, x);
            default:
                return Bottom.Error($"invalid operation {OpText(u.Op)}{Describe(x)} (type {KindNames.Name(x.Kind)})", u.Pos);
        }
    }

    /// <summary>The source text of a unary operator, shared by error messages and the printer so the two cannot
    /// drift apart; null for a token that is never a unary operator, each caller choosing its own fallback.
    /// <c>*</c> is here for the printer: the parser keeps a default mark out of unary expressions.</summary>
    internal static string? UnaryOpText(Tok op) => op switch
    {
        Tok.Minus => "-",
        Tok.Plus => "+",
        Tok.Bang => "!",
        Tok.Star => "*",
        Tok.Lss => "<",
        Tok.Leq => "<=",
        Tok.Gtr => ">",
        Tok.Geq => ">=",
        Tok.Neq => "!=",
        Tok.Match => "=~",
        Tok.NotMatch => "!~",
        _ => null,
    };

    private static string OpText(Tok op) => UnaryOpText(op) ?? op.ToString();

    internal static string OpText(BinOp op) => op switch
    {
        BinOp.And => "&",
        BinOp.Or => "|",
        BinOp.LAnd => "&&",
        BinOp.LOr => "||",
        BinOp.Eq => "==",
        BinOp.Neq => "!=",
        BinOp.Lss => "<",
        BinOp.Leq => "<=",
        BinOp.Gtr => ">",
        BinOp.Geq => ">=",
        BinOp.Match => "=~",
        BinOp.NotMatch => "!~",
        BinOp.Add => "+",
        BinOp.Sub => "-",
        BinOp.Mul => "*",
        BinOp.Div => "/",
        BinOp.IntDiv => "div",
        BinOp.IntMod => "mod",
        BinOp.IntQuo => "quo",
        _ => "rem",
    };

    /// <summary>Whether <paramref name="e"/> is bottom; null when that cannot be decided yet because the value
    /// depends on something still being evaluated (a reference cycle).</summary>
    private bool? IsBottomTest(Env env, Expr e)
    {
        var outer = _cycleHit;
        _cycleHit = int.MaxValue;
        var raw = EvalValue(env, e);
        var v = Deref(raw);
        var hit = _cycleHit;
        _cycleHit = Math.Min(outer, hit);
        // Undecided only when the value is a cycle error: an incomplete value is bottom here even if a node being
        // evaluated was read on the way (`(read.path & write.path) != _|_` inside `write`, with `read` optional).
        if (v is Bottom { Code: ErrorCode.Cycle } && hit != int.MaxValue)
        {
            return null;
        }

        // v0.4 completes fields depth first, in order. A field not completed yet that waits on an incomplete
        // expression is read half-evaluated, which is a cycle error there: the test stays undecided, and so does the
        // struct it guards (dagger v0.1 relies on it to hold a task back until an input is known).
        // An anonymous value (`(a & b) != _|_`) is unified to completion on the spot there.
        if (v is Bottom { Code: ErrorCode.Incomplete } && raw is Vertex { Status: < VertexStatus.Finalizing } field && field.Label != Labels.None)
        {
            return null;
        }

        return v switch
        {
            Bottom => true,
            Vertex => false,
            _ => !v.IsConcrete,
        };
    }

    /// <summary>
    /// Evaluates <paramref name="b"/>. With a <paramref name="target"/> (the expression is a conjunct of the vertex
    /// under evaluation), a list sum or product of which an operand is that vertex itself is added to it element by
    /// element instead, and the result is null: see <see cref="AddSelfSum"/>.
    /// </summary>
    private Value? Binary(Env env, BinaryExpr b, NodeState? target, CloseInfo? ci, bool retry = false)
    {
        if (b.Op is BinOp.Eq or BinOp.Neq && (b.X is BasicLit { Kind: LitKind.Bottom } || b.Y is BasicLit { Kind: LitKind.Bottom }))
        {
            var other = b.X is BasicLit { Kind: LitKind.Bottom } ? b.Y : b.X;
            var test = other is BasicLit { Kind: LitKind.Bottom } ? true : IsBottomTest(env, other);
            if (test is not { } isBottom)
            {
                return Bottom.CycleMarker();
            }

            return BoolValue.Of(b.Op == BinOp.Eq ? isBottom : !isBottom);
        }

        var op = OpText(b.Op);
        var x = Operand(EvalValue(env, b.X), b.X, op, Start(b));
        if (x is Bottom)
        {
            if (Tracking && x is Bottom { IsIncomplete: true })
            {
                NoteRefs(env, b.Y);
            }

            return x;
        }

        if (b.Op == BinOp.LAnd && x is BoolValue { B: false })
        {
            return x;
        }

        if (b.Op == BinOp.LOr && x is BoolValue { B: true })
        {
            return x;
        }

        var y = Operand(EvalValue(env, b.Y), b.Y, op, Start(b));
        if (y is Bottom)
        {
            return y;
        }

        if (target is not null && AddSelfSum(target, env, b, x, y, ci, retry, out var waiting))
        {
            return waiting;
        }

        var r = BinaryOp(b.Op, x, y, Start(b));
        if (r is Bottom { IsIncomplete: false } bad && bad.Message.StartsWith("invalid operands ", StringComparison.Ordinal))
        {
            // Like the reference, the positions are those of the two operands.
            return new Bottom(bad.Code, bad.Message) { Inputs = [Start(b.X), Start(b.Y)] };
        }

        return r;
    }

    internal Value BinaryOp(BinOp op, Value x, Value y, Pos pos)
    {
        Bottom Invalid() => Bottom.Error($"invalid operands {Describe(x)} and {Describe(y)} to '{OpText(op)}' (type {KindNames.Name(x.Kind)} and {KindNames.Name(y.Kind)})", pos);
        switch (op)
        {
            case BinOp.LAnd or BinOp.LOr:
                if (x is BoolValue bx && y is BoolValue by)
                {
                    return BoolValue.Of(op == BinOp.LAnd ? bx.B && by.B : bx.B || by.B);
                }

                return Invalid();
            case BinOp.Neq when x is Vertex { IsList: true } nl && y is Vertex { IsList: true } nr:
                // v0.4 only reports lists as different when they have the same length.
                return BoolValue.Of(nl.Elems.Count == nr.Elems.Count && !ValuesEqual(x, y, out _));
            case BinOp.Eq or BinOp.Neq:
                {
                    var eq = ValuesEqual(x, y, out var comparable);
                    if (!comparable)
                    {
                        return Invalid();
                    }

                    return BoolValue.Of(op == BinOp.Eq ? eq : !eq);
                }

            case BinOp.Lss or BinOp.Leq or BinOp.Gtr or BinOp.Geq:
                {
                    int c;
                    if (x is NumValue nx && y is NumValue ny)
                    {
                        c = nx.D.CompareTo(ny.D);
                    }
                    else if (x is StringValue sx && y is StringValue sy)
                    {
                        c = string.CompareOrdinal(sx.S, sy.S);
                    }
                    else if (x is BytesValue xb && y is BytesValue yb)
                    {
                        c = xb.B.AsSpan().SequenceCompareTo(yb.B);
                    }
                    else
                    {
                        return Invalid();
                    }

                    return BoolValue.Of(op switch
                    {
                        BinOp.Lss => c < 0,
                        BinOp.Leq => c <= 0,
                        BinOp.Gtr => c > 0,
                        _ => c >= 0,
                    });
                }

            case BinOp.Match or BinOp.NotMatch:
                if (x is StringValue s && y is StringValue re)
                {
                    try
                    {
                        var m = Re2.Get(re.S).IsMatch(s.S);
                        return BoolValue.Of(op == BinOp.Match ? m : !m);
                    }
                    catch (ArgumentException ex)
                    {
                        return Bottom.Error($"invalid regular expression: {ex.Message}", pos);
                    }
                }

                return Invalid();
            case BinOp.Add:
                if (x is NumValue ax && y is NumValue ay)
                {
                    return new NumValue(ax.D + ay.D, ax.IsInt && ay.IsInt);
                }

                if (x is StringValue s1 && y is StringValue s2)
                {
                    return new StringValue(s1.S + s2.S);
                }

                if (x is BytesValue b1 && y is BytesValue b2)
                {
                    return new BytesValue([.. b1.B, .. b2.B]);
                }

                if (x is Vertex { IsList: true } l1 && y is Vertex { IsList: true } l2)
                {
                    return AddLists(l1, l2);
                }

                return Invalid();
            case BinOp.Sub:
                if (x is NumValue sx1 && y is NumValue sy1)
                {
                    return new NumValue(sx1.D - sy1.D, sx1.IsInt && sy1.IsInt);
                }

                return Invalid();
            case BinOp.Mul:
                if (x is NumValue mx && y is NumValue my)
                {
                    return new NumValue(mx.D * my.D, mx.IsInt && my.IsInt);
                }

                if (x is StringValue or BytesValue or Vertex { IsList: true } && y is NumValue { IsInt: true } rn)
                {
                    return Repeat(x, rn, pos);
                }

                if (y is StringValue or BytesValue or Vertex { IsList: true } && x is NumValue { IsInt: true } ln)
                {
                    return Repeat(y, ln, pos);
                }

                return Invalid();
            case BinOp.Div:
                if (x is NumValue dx && y is NumValue dy)
                {
                    if (dy.D.IsZero)
                    {
                        return Bottom.Error("failed arithmetic: division by zero", pos);
                    }

                    return new NumValue(CueDecimal.Quo(dx.D, dy.D), false);
                }

                return Invalid();
            default:
                {
                    if (x is not NumValue { IsInt: true } ix || y is not NumValue { IsInt: true } iy)
                    {
                        return Invalid();
                    }

                    var a = ix.D.ToBigInteger();
                    var d = iy.D.ToBigInteger();
                    if (d.IsZero)
                    {
                        return Bottom.Error("failed arithmetic: division by zero", pos);
                    }

                    return NumValue.Int(IntOp(op, a, d));
                }
        }
    }

    internal static BigInteger IntOp(BinOp op, BigInteger a, BigInteger d)
    {
        switch (op)
        {
            case BinOp.IntQuo:
                return BigInteger.Divide(a, d);
            case BinOp.IntRem:
                return BigInteger.Remainder(a, d);
            default:
                {
                    var q = BigInteger.DivRem(a, d, out var r);
                    if (r.Sign < 0)
                    {
                        if (d.Sign > 0)
                        {
                            q -= 1;
                            r += d;
                        }
                        else
                        {
                            q += 1;
                            r -= d;
                        }
                    }

                    return op == BinOp.IntDiv ? q : r;
                }
        }
    }

    /// <summary>The most characters, bytes or elements a repetition (<c>n * x</c>) may make.</summary>
    private const int MaxRepeatSize = 100_000_000;

    private Value Repeat(Value x, NumValue n, Pos pos)
    {
        var big = n.D.ToBigInteger();
        if (big < 0)
        {
            return Bottom.Error("negative repeat count", pos);
        }

        var unit = x switch
        {
            StringValue s => s.S.Length,
            BytesValue b => b.B.Length,
            Vertex l => l.Elems.Count,
            _ => 0,
        };

        // v0.4 runs out of memory building such a value; say so instead.
        if (unit > 0 && big * unit > MaxRepeatSize)
        {
            return Bottom.Error($"repetition too large: {big} times {Describe(x)} exceeds {MaxRepeatSize} elements", pos);
        }

        var count = unit == 0 ? 0 : (int)big;

        return x switch
        {
            StringValue s => new StringValue(string.Concat(Enumerable.Repeat(s.S, count))),
            BytesValue b => new BytesValue(Enumerable.Repeat(b.B, count).SelectMany(z => z).ToArray()),
            Vertex l => MakeList(Enumerable.Repeat(l.Elems, count).SelectMany(z => z).Select(a => (Value)a).ToList()),
            _ => Bottom.Error("invalid repeat", pos),
        };
    }

    private bool ValuesEqual(Value x, Value y, out bool comparable)
    {
        comparable = true;
        if (x is NullValue || y is NullValue)
        {
            return x is NullValue && y is NullValue;
        }

        if (x is Vertex { IsList: true } lx && y is Vertex { IsList: true } ly)
        {
            if (lx.Elems.Count != ly.Elems.Count)
            {
                return false;
            }

            for (var i = 0; i < lx.Elems.Count; i++)
            {
                var ex = Deref(lx.Elems[i]);
                var ey = Deref(ly.Elems[i]);
                if (!ValuesEqual(ex, ey, out var c) || !c)
                {
                    return false;
                }
            }

            return true;
        }

        if (x is Vertex { IsStruct: true } sx && y is Vertex { IsStruct: true } sy)
        {
            Finalize(sx);
            Finalize(sy);
            return VertexEquals(sx, sy);
        }

        if ((x.Kind & y.Kind) == 0 && !(x is NumValue && y is NumValue))
        {
            comparable = false;
            return false;
        }

        return ScalarEquals(x, y);
    }

    /// <summary>Checks a bound or validator against a concrete value; null when satisfied.</summary>
    internal Bottom? CheckBound(Value bound, Value v)
    {
        if (bound is ValidatorValue val)
        {
            var args = new List<Value> { v };
            args.AddRange(val.Args);
            var r = Invoke(val.Fn, args, default, validator: val);
            return r switch
            {
                BoolValue { B: true } => null,
                Bottom b => b,
                _ => Bottom.Error($"invalid value {Show(v)} (does not satisfy {val.ErrorText})"),
            };
        }

        if (bound is not BoundValue b2)
        {
            return null;
        }

        bool ok;
        switch (b2.Op)
        {
            case Tok.Neq:
                ok = !ScalarEquals(v, b2.Arg) || (v.Kind & b2.Arg.Kind) == 0;
                break;
            case Tok.Match or Tok.NotMatch:
                if (v is not StringValue s)
                {
                    return Bottom.Error($"invalid value {v} (does not match {bound})");
                }

                ok = Re2.Get(((StringValue)b2.Arg).S).IsMatch(s.S) == (b2.Op == Tok.Match);
                break;
            default:
                {
                    int c;
                    if (v is NumValue nv && b2.Arg is NumValue na)
                    {
                        c = nv.D.CompareTo(na.D);
                    }
                    else if (v is StringValue sv && b2.Arg is StringValue sa)
                    {
                        c = string.CompareOrdinal(sv.S, sa.S);
                    }
                    else if (v is BytesValue bv && b2.Arg is BytesValue ba)
                    {
                        c = bv.B.AsSpan().SequenceCompareTo(ba.B);
                    }
                    else
                    {
                        return Bottom.Error($"conflicting values {bound} and {v} (mismatched types {KindNames.Name(bound.Kind)} and {KindNames.Name(v.Kind)})");
                    }

                    ok = b2.Op switch
                    {
                        Tok.Lss => c < 0,
                        Tok.Leq => c <= 0,
                        Tok.Gtr => c > 0,
                        _ => c >= 0,
                    };
                    break;
                }
        }

        return ok ? null : Bottom.Error($"invalid value {v} (out of bound {bound})");
    }

    private Value Call(Env env, CallExpr call)
    {
        var f = Deref(EvalValue(env, call.Fun));
        if (f is Bottom)
        {
            return f;
        }

        if (f is not BuiltinValue bf)
        {
            return Bottom.Error($"cannot call non-function {Describe(f)} (type {KindNames.Name(f.Kind)})", call.Pos);
        }

        var fn = bf.Fn;
        if (fn.Name == "close" && call.Args.Count == 1 && CloseArgumentError(env, call) is { IsIncomplete: true } waiting)
        {
            return waiting;
        }

        if (fn.Name is "close" or "and" or "or")
        {
            var t = new Vertex(env.Vertex, Labels.None) { Pos = call.Pos };
            t.Conjuncts.Add(new Conjunct(env, call, null));
            Evaluate(t);
            return t;
        }

        var args = call.Args.Select(a => EvalValue(env, a)).ToList();
        if (fn.Result == Kind.Bool && args.Count == fn.Params.Length - 1 && !fn.Variadic)
        {
            var dargs = new List<Value>();
            foreach (var a in args)
            {
                var d = Deref(a);
                if (d is Bottom)
                {
                    return d;
                }

                dargs.Add(d);
            }

            return new ValidatorValue(fn, dargs)
            {
                Start = StartOf(call.Fun),
                ArgPositions = [.. args.Select((a, i) => ArgumentPos(a, call.Args[i]))],
            };
        }

        return Invoke(fn, args, StartOf(call.Fun), call.Args);
    }

    // Where an operand begins (Go's ast Pos): a selector or index starts with what it selects from.
    private static Pos StartOf(Expr e) => e switch
    {
        SelectorExpr s => StartOf(s.X),
        IndexExpr i => StartOf(i.X),
        SliceExpr s => StartOf(s.X),
        CallExpr c => StartOf(c.Fun),
        _ => e.Pos,
    };

    /// <summary>Calls a builtin. Errors are reported where v0.4 reports them: at the start of the call
    /// (<paramref name="pos"/>), or at the argument they are about (<paramref name="argExprs"/>). A
    /// <paramref name="validator"/> checks the first argument; its failures, other than the kind check of an
    /// argument, say which value it rejects and are placed by the caller.</summary>
    internal Value Invoke(Builtin fn, List<Value> args, Pos pos, IReadOnlyList<Expr>? argExprs = null, ValidatorValue? validator = null)
    {
        if (args.Count > fn.Params.Length && !fn.Variadic)
        {
            return Bottom.Error($"too many arguments in call to {fn.Name} (have {args.Count}, want {fn.Params.Length})", pos);
        }

        if (args.Count < (fn.Variadic ? fn.Params.Length - 1 : fn.Params.Length))
        {
            return Bottom.Error($"not enough arguments in call to {fn.Name} (have {args.Count}, want {fn.Params.Length})", pos);
        }

        var outer = _cycleHit;
        _cycleHit = int.MaxValue;
        try
        {
            return fn.Impl(new BuiltinCall(this, fn, args));
        }
        catch (BuiltinException ex)
        {
            if (ex.Cause is { } cause)
            {
                return cause;
            }

            var argPos = ex.Argument >= 0 && ex.Argument < args.Count && argExprs is not null && ex.Argument < argExprs.Count
                ? ArgumentPos(args[ex.Argument], argExprs[ex.Argument])
                : ex.Argument >= 1 && validator is not null && ex.Argument <= validator.ArgPositions.Count ? validator.ArgPositions[ex.Argument - 1]
                : default;
            var form = ex.Form;
            if (form == BuiltinErrorForm.Inferred)
            {
                // The kind check of an argument already names the function, as in the reference, and points at
                // where the argument's value came from.
                if (!ex.Incomplete && ex.Message.EndsWith($" to {fn.Name}", StringComparison.Ordinal))
                {
                    return Bottom.Error(ex.Message, ex.Argument >= 0 ? argPos : pos);
                }

                // An argument that does not convert (math's float64 arguments) is reported at the call, then at
                // the argument.
                var atArgument = ex.Argument >= 0 && argExprs is not null && ex.Argument < argExprs.Count;
                form = ex.Incomplete ? BuiltinErrorForm.Inferred : atArgument ? BuiltinErrorForm.AsIs : BuiltinErrorForm.Wrapped;
            }

            IReadOnlyList<Pos> inputs = form == BuiltinErrorForm.Inferred ? [] : argPos.IsValid ? [argPos, .. ex.Positions] : ex.Positions;
            var message = form == BuiltinErrorForm.Wrapped ? $"error in call to {fn.Name}: {ex.Message}" : ex.Message;

            // An argument that is incomplete only because of a reference cycle keeps the cycle code, so the
            // caller can still resolve the cycle with a concrete value from elsewhere.
            var code = !ex.Incomplete ? ErrorCode.Eval : _cycleHit != int.MaxValue ? ErrorCode.Cycle : ErrorCode.Incomplete;
            if (validator is not null)
            {
                return new Bottom(code, $"invalid value {Show(args[0])} (does not satisfy {validator.ErrorText}): {message}");
            }

            var err = new Bottom(code, message, pos) { Inputs = inputs };
            if (form == BuiltinErrorForm.Wrapped)
            {
                // v0.4's wrapper has no path, as the function's own error has none.
                err.Path = "";
            }

            return err;
        }
        finally
        {
            _cycleHit = Math.Min(outer, _cycleHit);
        }
    }

    private Value Interpolate(Env env, Interpolation ip)
    {
        var sb = new StringBuilder();
        var bytes = new List<byte>();
        foreach (var part in ip.Parts)
        {
            string text;
            if (part is string s)
            {
                text = s;
            }
            else if (part is byte[] raw)
            {
                bytes.AddRange(raw);
                continue;
            }
            else
            {
                var v = Concrete(EvalValue(env, (Expr)part), "invalid interpolation", ip.Pos);
                switch (v)
                {
                    case Bottom b:
                        if (Tracking && b.IsIncomplete)
                        {
                            foreach (var rest in ip.Parts.SkipWhile(p => !ReferenceEquals(p, part)).Skip(1).OfType<Expr>())
                            {
                                NoteRefs(env, rest);
                            }
                        }

                        return b.IsIncomplete && !b.Message.StartsWith("invalid interpolation: ", StringComparison.Ordinal) ? Bottom.Incomplete($"invalid interpolation: {b.Message}", ip.Pos) : b;
                    case StringValue sv:
                        text = sv.S;
                        break;
                    case BytesValue bv when ip.IsBytes:
                        bytes.AddRange(bv.B);
                        continue;
                    case BytesValue bv:
                        text = Encoding.UTF8.GetString(bv.B);
                        break;
                    case BoolValue or NumValue:
                        text = v.ToString()!;
                        break;
                    default:
                        return Bottom.Error($"invalid interpolation: cannot use {Describe(v)} (type {KindNames.Name(v.Kind)}) as string or bytes", ip.Pos);
                }
            }

            if (ip.IsBytes)
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text));
            }
            else
            {
                sb.Append(text);
            }
        }

        return ip.IsBytes ? new BytesValue([.. bytes]) : new StringValue(sb.ToString());
    }
}

/// <summary>Helpers used by builtins.</summary>
internal sealed partial class Evaluator
{
    /// <summary>Unifies values into a fresh finalized vertex.</summary>
    public Vertex Unify(IEnumerable<Value> parts)
    {
        var v = new Vertex(null, Labels.None);
        foreach (var p in parts)
        {
            v.Conjuncts.Add(new Conjunct(null, null, null, p is Vertex vx ? vx : DataVertex(Labels.None, p)));
        }

        Finalize(v);
        return v;
    }

    /// <summary>Equality as <c>==</c> defines it; values of different kinds are unequal.</summary>
    public bool Equal(Value a, Value b)
    {
        var x = Deref(a);
        var y = Deref(b);
        return ValuesEqual(x, y, out var comparable) && comparable;
    }
}
