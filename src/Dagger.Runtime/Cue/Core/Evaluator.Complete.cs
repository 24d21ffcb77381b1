using Dagger.Runtime.Cue.Errors;
using Dagger.Runtime.Cue.Syntax;

namespace Dagger.Runtime.Cue.Core;

internal sealed partial class Evaluator
{
    private void Complete(NodeState s)
    {
        var v = s.V;
        if (s.Error is not null)
        {
            v.BaseValue = s.Error;
            return;
        }

        if (s.StructuralCycle || (s.StructuralCycleRef && s.NonCyclic == 0))
        {
            v.BaseValue = new Bottom(ErrorCode.StructuralCycle, "structural cycle", v.Pos);
            return;
        }

        if (s.Scalar is BuiltinValue { Fn: { Params.Length: 1, Result: Kind.Bool } one } && (s.IsList || s.IsStruct || s.Bounds.Count > 0))
        {
            // A one-argument predicate unified with a value validates it (`list.UniqueItems & [1, 2]`).
            var validator = new ValidatorValue(one, []);
            IntersectKind(s, validator.Kind, validator, s.ScalarPos);
            s.Bounds.Add(validator);
            s.Scalar = null;
        }

        if (s.Scalar is BuiltinValue fn && (s.IsList || s.IsStruct || s.Bounds.Count > 0))
        {
            // A function is a value only on its own; used as a validator without a call it is not supported.
            v.BaseValue = Bottom.Error($"cannot use builtin {fn.Fn.Name} as a value (call it)", s.ScalarPos);
            return;
        }

        v.Validators = null;
        Value result;
        if (s.IsList)
        {
            var max = 0;
            var open = true;
            foreach (var l in s.Lists)
            {
                max = Math.Max(max, l.Count);
                open &= l.Open;
            }

            foreach (var l in s.Lists)
            {
                if (!l.Open && l.Count != max)
                {
                    v.BaseValue = Bottom.Error($"incompatible list lengths ({l.Count} and {max})");
                    return;
                }
            }

            var typed = false;
            foreach (var l in s.Lists)
            {
                if (l.Lit?.Ellipsis is { } t && !(t is Syntax.Ident { Name: "_" }))
                {
                    typed = true;
                    var cci = CloseInfo.ForChild(l.Ci);
                    for (var i = l.Count; i < max; i++)
                    {
                        var arc = v.Lookup(Labels.Int(i))!;
                        if (arc.Status >= VertexStatus.Evaluated)
                        {
                            ResetVertex(arc);
                        }

                        AppendConjunct(arc, new Conjunct(l.Env, t, cci));
                    }
                }
            }

            result = ListMarker.Of(open, typed);
            v.Validators = CompositeValidators(s);
        }
        else if (s.Scalar is not null)
        {
            foreach (var b in s.Bounds)
            {
                var err = CheckBound(b, s.Scalar);
                if (err is not null)
                {
                    v.BaseValue = OutOfBound(s, b, err);
                    return;
                }
            }

            result = s.Scalar;
            v.ValuePos = s.ScalarPos;
        }
        else if (s.IsStruct || (v.Structs.Count > 0 && (s.Kind & Kind.Struct) != 0 && !s.HasTop))
        {
            // A literal that only embeds what gave no value (`{if false {[1]}}`) is still a struct (v0.4).
            result = s.IsStruct ? StructMarker.Instance : StructMarker.ByDefault;
            v.Validators = CompositeValidators(s);
        }
        else if (s.Bounds.Count > 0 || s.Kind != Kind.Top)
        {
            result = SimplifyBounds(s.Kind, s.Bounds);
        }
        else
        {
            result = TopValue.Instance;
        }

        var cycleResolved = s.Pending.Count > 0 && s.PendingCycleOnly && s.DynFields.Count == 0 && s.Comps.Count == 0 && result.IsConcrete;
        if (result is not Bottom && !cycleResolved && (s.Pending.Count > 0 || s.DynFields.Count > 0 || s.Comps.Count > 0 || s.ListIncomplete))
        {
            var why = s.Incomplete ?? (s.Comps.Count > 0 ? s.CompWaiting : null) ?? Bottom.Incomplete("incomplete value");
            if (result is StructMarker or ListMarker && s.Pending.Count == 0 && !s.ListIncomplete)
            {
                // Keep the fields that are known selectable; the struct as a whole is incomplete.
                v.PendingError = why;
            }
            else
            {
                result = why;
            }
        }

        v.BaseValue = result;
    }

    private static List<ValidatorValue>? CompositeValidators(NodeState s)
    {
        List<ValidatorValue>? found = null;
        foreach (var b in s.Bounds)
        {
            if (b is ValidatorValue validator)
            {
                (found ??= []).Add(validator);
            }
        }

        return found;
    }

    private Value SimplifyBounds(Kind kind, List<Value> bounds)
    {
        if ((kind & Kind.Number) != 0 && (kind & ~Kind.Number) == 0)
        {
            BoundValue? lo = null;
            BoundValue? hi = null;
            foreach (var b in bounds)
            {
                if (b is BoundValue { Op: Syntax.Tok.Geq } g)
                {
                    lo = g;
                }
                else if (b is BoundValue { Op: Syntax.Tok.Leq } l)
                {
                    hi = l;
                }
            }

            if (lo?.Arg is NumValue ln && hi?.Arg is NumValue hn && ln.D == hn.D)
            {
                var cand = new NumValue(ln.D, kind == Kind.Int || ln.IsInt);
                if ((cand.Kind & kind) != 0 && bounds.All(b => CheckBound(b, cand) is null))
                {
                    return cand;
                }
            }
        }

        return new ConstraintValue(kind, NormalizeBounds(bounds));
    }

    /// <summary>
    /// The bounds of a node as v0.4 keeps them: the tightest lower bound, the tightest upper bound, then the other
    /// checks (<c>!=</c>, <c>=~</c>, <c>!~</c>, validators) in the order they came, where a check given again moves
    /// to the end and a <c>!=v</c> that another bound already excludes is dropped. Equivalent to the list it is
    /// given; it decides how <c>cue eval</c> prints the value.
    /// </summary>
    private List<Value> NormalizeBounds(List<Value> bounds)
    {
        BoundValue? lo = null;
        BoundValue? hi = null;
        var others = new List<Value>();
        foreach (var b in bounds)
        {
            switch (b)
            {
                case BoundValue { Op: Syntax.Tok.Gtr or Syntax.Tok.Geq } x:
                    lo = Tighter(x, lo, others);
                    break;
                case BoundValue { Op: Syntax.Tok.Lss or Syntax.Tok.Leq } x:
                    hi = Tighter(x, hi, others);
                    break;
                case BoundValue x:
                    var implied = false;
                    for (var i = 0; i < others.Count; i++)
                    {
                        if (others[i] is BoundValue y && y.Op == x.Op && ScalarEquals(y.Arg, x.Arg))
                        {
                            others.RemoveAt(i--);
                        }
                        else if (x.Op != Syntax.Tok.Neq && others[i] is BoundValue { Op: Syntax.Tok.Neq } n && n.Arg.IsConcrete && CheckBound(x, n.Arg) is not null)
                        {
                            others.RemoveAt(i--);
                        }
                        else if (x.Op == Syntax.Tok.Neq && others[i] is BoundValue z && z.Op != Syntax.Tok.Neq && x.Arg.IsConcrete && CheckBound(z, x.Arg) is not null)
                        {
                            implied = true;
                        }
                    }

                    if (!implied)
                    {
                        others.Add(x);
                    }

                    break;
                case ValidatorValue x:
                    if (!others.Any(o => o is ValidatorValue y && ReferenceEquals(y.Fn, x.Fn) && y.Args.Count == x.Args.Count && y.Args.Zip(x.Args).All(p => p.First.ToString() == p.Second.ToString())))
                    {
                        others.Add(x);
                    }

                    break;
                default:
                    if (!others.Any(o => o.ToString() == b.ToString()))
                    {
                        others.Add(b);
                    }

                    break;
            }
        }

        var result = new List<Value>();
        if (lo is not null)
        {
            result.Add(lo);
        }

        if (hi is not null)
        {
            result.Add(hi);
        }

        foreach (var o in others)
        {
            // A !=v outside the range is implied by it.
            if (o is BoundValue { Op: Syntax.Tok.Neq } ne && ne.Arg.IsConcrete && ((lo is not null && CheckBound(lo, ne.Arg) is not null) || (hi is not null && CheckBound(hi, ne.Arg) is not null)))
            {
                continue;
            }

            result.Add(o);
        }

        return result;
    }

    /// <summary>Of a new bound and the one kept so far in the same direction, the tighter (the older when they
    /// are as tight); bounds that cannot be compared are both kept.</summary>
    private static BoundValue Tighter(BoundValue x, BoundValue? y, List<Value> others)
    {
        if (y is null)
        {
            return x;
        }

        int c;
        switch (x.Arg, y.Arg)
        {
            case (NumValue a, NumValue b):
                c = a.D.CompareTo(b.D);
                break;
            case (StringValue a, StringValue b):
                c = string.CompareOrdinal(a.S, b.S);
                break;
            default:
                others.Add(x);
                return y;
        }

        var lower = x.Op is Syntax.Tok.Gtr or Syntax.Tok.Geq;
        if (!lower)
        {
            c = -c;
        }

        // x wins when it is strictly tighter, or as tight and strict where y is not.
        var strictX = x.Op is Syntax.Tok.Gtr or Syntax.Tok.Lss;
        return c > 0 || (c == 0 && strictX) ? x : y;
    }

    /// <summary>
    /// Expands the disjunctions of a vertex one at a time, as a cross product pruned after every step: failed
    /// disjuncts are dropped and equal ones merged, so repeated disjunctions stay linear (CUE-NOTES §3).
    /// </summary>
    /// <remarks>
    /// Defaults follow v0.4: every disjunct remembers, per disjunction, whether its term was marked. A merged twin
    /// replaces the first only when all its marks are defaults. At the end, a disjunction whose marked terms all
    /// died counts as unmarked, and a disjunct is a default when every remaining disjunction chose a marked term.
    /// </remarks>
    private void ExpandDisjunction(NodeState s)
    {
        if (TryExpandScalarDisjunction(s))
        {
            return;
        }

        var v = s.V;
        v.ExpandedDisjunction = true;
        var root = new Vertex(v.Parent, v.Label) { Origin = v.Origin, Choices = [], PendingDisjs = s.Disjs, Marks = [] };
        var frontier = new List<Vertex> { root };
        var results = new List<Vertex>();
        var errors = new List<Bottom>();
        while (frontier.Count > 0)
        {
            var next = new List<Vertex>();
            foreach (var p in frontier)
            {
                var level = p.Choices!.Count;
                var (_, d, _) = p.PendingDisjs![level];
                var parent = p.DisjParents is { } ps && level < ps.Count ? ps[level] : -1;

                // A disjunction nested in a term that is not a default cannot give a default (v0.4).
                var masked = parent >= 0 && p.Marks![parent].Mode == DefaultMode.NotDefault;
                for (var t = 0; t < d.Terms.Count; t++)
                {
                    var mode = !d.HasDefaults ? DefaultMode.Maybe : d.Terms[t].Default && !masked ? DefaultMode.Default : DefaultMode.NotDefault;
                    var w = new Vertex(v.Parent, v.Label)
                    {
                        Origin = v.Origin,
                        ClosedByLabel = v.ClosedByLabel,
                        Pos = v.Pos,
                        Attributes = v.Attributes,
                        Choices = [.. p.Choices, t],
                        Marks = [.. p.Marks!, (d, mode)],
                    };
                    w.Conjuncts.AddRange(v.Conjuncts);
                    Finalize(w);
                    if (w.BaseValue is Bottom { IsIncomplete: false } b)
                    {
                        errors.Add(b);
                        continue;
                    }

                    if (w.ChildError is not null)
                    {
                        errors.Add(w.ChildError);
                        continue;
                    }

                    if (w.PendingDisjs is not null && w.PendingDisjs.Count > w.Choices.Count)
                    {
                        next.Add(w);
                    }
                    else
                    {
                        results.Add(w);
                    }
                }
            }

            frontier = Dedupe(next, partial: true);
        }

        var final = Survivors(results);
        if (final.Count == 0)
        {
            v.BaseValue = errors.Count == 1
                ? errors[0]
                : new Bottom(ErrorCode.Eval, $"{errors.Count} errors in empty disjunction:") { Sub = errors };
            return;
        }

        SetDisjunctionResult(v, final);
    }

    /// <summary>The finished disjuncts that stay: equal ones merged, incomplete ones only when nothing else is left.</summary>
    private List<Vertex> Survivors(List<Vertex> results)
    {
        if (results.Any(r => r.BaseValue is not Bottom))
        {
            results.RemoveAll(r => r.BaseValue is Bottom);
        }

        return Dedupe(results, partial: false);
    }

    private static void SetDisjunctionResult(Vertex v, List<Vertex> final)
    {
        if (final.Count == 1)
        {
            Adopt(v, final[0]);
            return;
        }

        var modes = new DefaultMode[final.Count];
        var hadMarks = AssignDefaultModes(final, modes);
        SetDisjunctionResult(v, final, modes, hadMarks);

        // The marks only served to choose the defaults; the disjuncts live as long as the value.
        foreach (var f in final)
        {
            f.Marks = null;
            f.PendingDisjs = null;
            f.DisjParents = null;
            f.TrimExtras();
        }
    }

    /// <summary>Makes <paramref name="v"/> the disjunction of two or more disjuncts, defaults first.</summary>
    private static void SetDisjunctionResult(Vertex v, List<Vertex> final, ReadOnlySpan<DefaultMode> modes, bool hadMarks)
    {
        var ordered = new List<Vertex>(final.Count);
        for (var i = 0; i < final.Count; i++)
        {
            if (modes[i] == DefaultMode.Default)
            {
                ordered.Add(final[i]);
            }
        }

        var defaults = ordered.Count;
        for (var i = 0; i < final.Count; i++)
        {
            if (modes[i] != DefaultMode.Default)
            {
                ordered.Add(final[i]);
            }
        }

        v.BaseValue = new DisjunctionValue(ordered, defaults, hadMarks);
    }

    /// <summary>
    /// The default mode of every surviving disjunct (see <see cref="ExpandDisjunction"/>), into <paramref name="modes"/>.
    /// </summary>
    /// <returns>Whether some marked term survived.</returns>
    private static bool AssignDefaultModes(List<Vertex> final, Span<DefaultMode> modes)
    {
        // A disjunction is keyed by its position in the expansion and its expression, as nested disjunctions make
        // the sequences of different disjuncts differ. There are few: a list searched in order beats a hash set.
        List<(int, DisjunctionExpr)>? used = null;
        foreach (var f in final)
        {
            for (var i = 0; i < f.Marks!.Count; i++)
            {
                if (f.Marks[i].Mode == DefaultMode.Default && !(used ??= []).Contains((i, f.Marks[i].Disj)))
                {
                    used.Add((i, f.Marks[i].Disj));
                }
            }
        }

        for (var k = 0; k < final.Count; k++)
        {
            var f = final[k];
            var m = DefaultMode.Maybe;
            for (var i = 0; i < f.Marks!.Count; i++)
            {
                var (d, mode) = f.Marks[i];
                if (!d.HasDefaults || (used is not null && used.Contains((i, d))))
                {
                    m = Combine(m, mode);
                }
            }

            modes[k] = m;
        }

        return used is not null;
    }

    private static DefaultMode Combine(DefaultMode a, DefaultMode b) => a > b ? a : b;

    private static DefaultMode Fold(Vertex w)
    {
        var m = DefaultMode.Maybe;
        foreach (var (_, mode) in w.Marks!)
        {
            m = Combine(m, mode);
        }

        return m;
    }

    private static bool SamePending(Vertex a, Vertex b)
    {
        var pa = a.PendingDisjs!;
        var pb = b.PendingDisjs!;
        if (pa.Count != pb.Count || a.Choices!.Count != b.Choices!.Count)
        {
            return false;
        }

        for (var i = a.Choices.Count; i < pa.Count; i++)
        {
            if (!ReferenceEquals(pa[i].Expr, pb[i].Expr))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether two equal partial disjuncts allow the same fields, at every level: their fields are not checked yet,
    /// and the disjunctions still to come may add fields that only one of them allows (<c>#F: {{a: 1} | {b: 2}}</c>
    /// unified twice allows <c>a</c> and <c>b</c> only when the two choices differ). Comparing what is allowed,
    /// not where the structs came from, keeps repeated disjunctions from multiplying.
    /// </summary>
    private bool SameClosedness(Vertex a, Vertex b)
    {
        if (a.BaseValue is not (StructMarker or ListMarker))
        {
            return true;
        }

        Closers? ka = null;
        Closers? kb = null;
        foreach (var arc in a.Arcs)
        {
            if (!Labels.IsRegular(arc.Label) && !Labels.IsDefinition(arc.Label))
            {
                continue;
            }

            if (a.BaseValue is StructMarker && Labels.IsString(arc.Label) && Accept(a, arc.Label, ref ka) != Accept(b, arc.Label, ref kb))
            {
                return false;
            }

            if (b.Lookup(arc.Label) is { } other && !SameClosedness(arc, other))
            {
                return false;
            }
        }

        return true;
    }

    private List<Vertex> Dedupe(List<Vertex> items, bool partial)
    {
        var r = new List<Vertex>(items.Count);

        // Disjuncts are compared only with those of the same shape (EqualityHash), so that n different disjuncts
        // cost n comparisons instead of n²/2: a 10,000-way disjunction of numbers was quadratic. A few disjuncts
        // (the usual case) are scanned in order instead, which compares the same pairs without the buckets.
        const int FewDisjuncts = 16;
        var buckets = items.Count > FewDisjuncts ? new Dictionary<int, List<int>>() : null;
        Span<int> hashes = stackalloc int[FewDisjuncts];
        foreach (var w in items)
        {
            var twin = -1;
            var hash = EqualityHash(w);
            if (buckets is null)
            {
                for (var i = 0; i < r.Count && twin < 0; i++)
                {
                    if (hashes[i] == hash && IsTwin(r[i], w, partial))
                    {
                        twin = i;
                    }
                }

                if (twin < 0)
                {
                    hashes[r.Count] = hash;
                }
            }
            else
            {
                if (!buckets.TryGetValue(hash, out var bucket))
                {
                    bucket = [];
                    buckets.Add(hash, bucket);
                }

                foreach (var i in bucket)
                {
                    if (IsTwin(r[i], w, partial))
                    {
                        twin = i;
                        break;
                    }
                }

                if (twin < 0)
                {
                    bucket.Add(r.Count);
                }
            }

            if (twin >= 0)
            {
                // The first of equal disjuncts stays, unless the later one took only marked terms.
                if (Fold(w) == DefaultMode.Default)
                {
                    r[twin] = w;
                }

                continue;
            }

            r.Add(w);
        }

        return r;
    }

    private bool IsTwin(Vertex kept, Vertex w, bool partial) =>
        (!partial || SamePending(kept, w)) && VertexEquals(kept, w, partial ? EqualOptional.Structural : EqualOptional.IgnoreOptional)
        && (!partial || SameClosedness(kept, w));

    /// <summary>How two disjuncts' optional fields count when v0.4 merges equal ones.</summary>
    private enum EqualOptional
    {
        /// <summary>By the optional labels they declare (comparison of values).</summary>
        Labels,

        /// <summary>Each struct with optional fields or patterns, or from a definition, must be in both (v0.4's
        /// structural check between disjunctions).</summary>
        Structural,

        /// <summary>As <see cref="Structural"/>, for the structs with optional fields or patterns only (the last
        /// disjunction).</summary>
        IgnoreOptional,
    }

    private static bool IsCompared(Vertex arc) => Labels.IsRegular(arc.Label) || Labels.IsDefinition(arc.Label);

    private static int CountCompared(Vertex v)
    {
        var n = 0;
        foreach (var arc in v.Arcs)
        {
            n += IsCompared(arc) ? 1 : 0;
        }

        return n;
    }

    // v0.4 compares struct literals by identity here: two literals written alike are different.
    /// <summary>
    /// v0.4 compares two disjuncts by kind while they are still being evaluated, when an empty struct and an empty
    /// list have the same one, and then by their fields: <c>{} | []</c> is <c>{}</c>, and <c>{...} | [...]</c> too. A
    /// closed struct, or one with optional fields or patterns, stays apart, as does a list of typed elements.
    /// </summary>
    private static bool EmptyStructAndList(Vertex s, Vertex l) =>
        s.Arcs.Count == 0 && l.Arcs.Count == 0 && l.BaseValue is ListMarker { IsTyped: false }
        && !s.Structs.Any(t => t.Lit?.HasOptional == true || (t.Ci is not null && ClosedChain(t.Ci)));

    private static bool SameStructs(Vertex x, Vertex y, EqualOptional mode)
    {
        foreach (var s in x.Structs)
        {
            var optional = s.Lit?.HasOptional ?? false;
            if (!optional && (mode == EqualOptional.IgnoreOptional || s.Ci is null || !ClosedChain(s.Ci)))
            {
                continue;
            }

            if (!y.Structs.Any(t => ReferenceEquals(t.Lit, s.Lit)))
            {
                return false;
            }
        }

        return true;
    }

    private static void Adopt(Vertex v, Vertex w)
    {
        v.BaseValue = w.BaseValue;
        v.ValuePos = w.ValuePos;
        v.PendingError = w.PendingError;
        v.ResetArcs();
        foreach (var a in w.Arcs)
        {
            v.AddArc(a);
        }

        v.Structs = w.Structs;
        v.Patterns = w.Patterns;
        v.ChildError = w.ChildError;
        v.Attributes = w.Attributes;
    }

    /// <summary>An empty struct may equal an empty list (<see cref="EmptyStructAndList"/>).</summary>
    private static readonly int EmptyCompositeHash = HashCode.Combine(1, 0);

    /// <summary>
    /// A hash of an evaluated vertex that equal vertices share (<see cref="VertexEquals(Vertex, Vertex)"/>): its kind of value and,
    /// for scalars, the value; for structs and lists only their labels or length, so that it never evaluates more.
    /// </summary>
    private static int EqualityHash(Vertex v)
    {
        switch (v.BaseValue)
        {
            case DisjunctionValue:
                return System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(v);
            case StructMarker:
                {
                    var labels = 0;
                    foreach (var a in v.Arcs)
                    {
                        if (Labels.IsRegular(a.Label) || Labels.IsDefinition(a.Label))
                        {
                            // A sum, as equal structs may list the same labels in another order.
                            labels += a.Label;
                        }
                    }

                    return v.Arcs.Count == 0 ? EmptyCompositeHash : HashCode.Combine(1, labels);
                }

            case ListMarker l:
                return v.Arcs.Count == 0 ? EmptyCompositeHash : HashCode.Combine(2, v.Arcs.Count, l.IsOpen);
            case null:
                return 0;
            case NumValue n:
                // Equal numbers may be written differently (1 and 1.0); a huge exponent is not worth expanding.
                return HashCode.Combine(n.Kind, Math.Abs(n.D.Exp) <= 64 ? n.D.GetHashCode() : 0);
            case StringValue str:
                return HashCode.Combine(str.Kind, str.S);
            case BoolValue b:
                return HashCode.Combine(b.Kind, b.B);
            case { IsConcrete: true } x:
                return HashCode.Combine(x.Kind);
            case var x:
                // Kind and type only: printing constraints to hash them cost more than the comparisons it saved.
                return HashCode.Combine(x.GetType(), x.Kind);
        }
    }

    /// <summary>Structural equality of two evaluated vertices (for merging equal disjuncts).</summary>
    internal bool VertexEquals(Vertex a, Vertex b) => VertexEquals(a, b, EqualOptional.Labels);

    private bool VertexEquals(Vertex a, Vertex b, EqualOptional mode)
    {
        var x = a.BaseValue;
        var y = b.BaseValue;
        if (x is DisjunctionValue dx && y is DisjunctionValue dy && mode != EqualOptional.Labels)
        {
            // Between disjuncts, v0.4 compares nested disjunctions term by term, defaults aside.
            return dx.Values.Count == dy.Values.Count && dx.Values.Zip(dy.Values).All(p => VertexEquals(p.First, p.Second, mode));
        }

        if (x is DisjunctionValue || y is DisjunctionValue)
        {
            return ReferenceEquals(a, b);
        }

        if (x is StructMarker && y is StructMarker)
        {
            if (mode == EqualOptional.Labels)
            {
                var oa = a.Patterns.Where(p => p.ExactLabel != Labels.None).Select(p => p.ExactLabel).ToHashSet();
                var ob = b.Patterns.Where(p => p.ExactLabel != Labels.None).Select(p => p.ExactLabel).ToHashSet();
                if (!oa.SetEquals(ob))
                {
                    return false;
                }
            }
            else if (!SameStructs(a, b, mode) || !SameStructs(b, a, mode))
            {
                return false;
            }

            if (CountCompared(a) != CountCompared(b))
            {
                return false;
            }

            foreach (var arc in a.Arcs)
            {
                if (!IsCompared(arc))
                {
                    continue;
                }

                var other = b.Lookup(arc.Label);
                if (other is null)
                {
                    return false;
                }

                Finalize(arc);
                Finalize(other);
                if (!VertexEquals(arc, other, mode))
                {
                    return false;
                }
            }

            return true;
        }

        if (mode != EqualOptional.Labels && (x is StructMarker && y is ListMarker ? EmptyStructAndList(a, b) : x is ListMarker && y is StructMarker && EmptyStructAndList(b, a)))
        {
            return true;
        }

        if (x is ListMarker lx && y is ListMarker ly)
        {
            if (a.Arcs.Count != b.Arcs.Count || lx.IsOpen != ly.IsOpen)
            {
                return false;
            }

            for (var i = 0; i < a.Arcs.Count; i++)
            {
                Finalize(a.Arcs[i]);
                Finalize(b.Arcs[i]);
                if (!VertexEquals(a.Arcs[i], b.Arcs[i], mode))
                {
                    return false;
                }
            }

            return true;
        }

        if (x is null || y is null)
        {
            return x is null && y is null;
        }

        if (x.IsConcrete && y.IsConcrete)
        {
            return x.Kind == y.Kind && ScalarEquals(x, y);
        }

        return x.GetType() == y.GetType() && x.Kind == y.Kind && x.ToString() == y.ToString();
    }

    /// <summary>Evaluates a vertex and everything below it, checking closedness.</summary>
    public void Finalize(Vertex v)
    {
        if (Tracking)
        {
            NoteRead(v, ReadKind.Deep);
        }

        if (v.Status >= VertexStatus.Finalizing)
        {
            return;
        }

        Evaluate(v);
        if (v.Stale)
        {
            Evaluate(v);
        }

        if (v.Status >= VertexStatus.Finalizing || v.Status == VertexStatus.Evaluating)
        {
            return;
        }

        v.Status = VertexStatus.Finalizing;
        if (++_depth > MaxDepth || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _depth--;
            throw new CueEvalException($"evaluation too deep at {v.PathString(Names)} (structure nested more than {MaxDepth} levels)", false);
        }

        // A disjunct copy that stopped before its later disjunctions lacks what they add: it is not checked for
        // closedness, here or below, until it is complete (v0.4 checks only at the last disjunction).
        var partial = v.Choices is not null && v.PendingDisjs is { } pending && pending.Count > v.Choices.Count;
        if (partial)
        {
            _partialDisjuncts++;
        }

        try
        {
            if (v.BaseValue is not (DisjunctionValue or Bottom { IsIncomplete: false }))
            {
                var isStruct = (v.BaseValue is StructMarker || v.BaseValue is Bottom) && _partialDisjuncts == 0;
                Closers? closers = null;
                for (var i = 0; i < v.Arcs.Count; i++)
                {
                    var arc = v.Arcs[i];
                    if (isStruct && Labels.IsString(arc.Label) && !EscapesClosedness(arc) && !Accept(v, arc.Label, ref closers))
                    {
                        var err = NotAllowed(v, arc);
                        arc.BaseValue = err;
                        arc.Status = VertexStatus.Finalized;
                        v.ChildError ??= err;
                        continue;
                    }

                    Finalize(arc);
                    if (arc.BaseValue is Bottom { IsIncomplete: false } b)
                    {
                        b.Path ??= arc.PathString(Names);
                        if (!b.FieldPos.IsValid)
                        {
                            b.FieldPos = arc.Pos;
                        }

                        v.ChildError ??= b;
                    }
                    else if (arc.ChildError is not null)
                    {
                        v.ChildError ??= arc.ChildError;
                    }
                }
            }
        }
        finally
        {
            _depth--;
            if (partial)
            {
                _partialDisjuncts--;
            }
        }

        CheckValidators(v);
        v.Status = VertexStatus.Finalized;
    }

    // A list or struct meets its validators once everything below it is final (v0.4 validates the whole value).
    private void CheckValidators(Vertex v)
    {
        if (v.Validators is not { } validators || v.BaseValue is Bottom || v.ChildError is not null)
        {
            return;
        }

        foreach (var validator in validators)
        {
            if (CheckBound(validator, v) is { } err)
            {
                v.BaseValue = err;
                return;
            }
        }
    }

    /// <summary>
    /// v0.4 checks a field against its closed parent only when the field is first unified to completion, and a
    /// field whose disjunctions were expanded has been completed by that: so a field with a disjunction that a
    /// reference evaluated before the parent checked its fields is never checked (<c>#A: {s: string}</c>,
    /// <c>b: #A &amp; {v: *"1" | "2", s: v}</c> is accepted, while <c>v: "1"</c> or no reference to it is not).
    /// Dagger's universe relies on it; see docs/cue-fidelity.md.
    /// </summary>
    private bool EscapesClosedness(Vertex arc)
    {
        if (arc.Status < VertexStatus.Evaluated && !arc.Referenced)
        {
            return false;
        }

        Evaluate(arc);
        return arc.ExpandedDisjunction;
    }

    // How many partial disjunct copies (see Finalize) enclose the vertex being finalized.
    private int _partialDisjuncts;

    private bool AnyAdmits(List<StructInfo> structs, int label)
    {
        foreach (var si in structs)
        {
            if (Admits(si, label))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// What v0.4's closedness check derives from a vertex's structs alone, whatever the label: each node of their
    /// close-info chains (slot 0 is the root), how many accepted children each required node waits for, and which
    /// required nodes must be accepted in the end. Found once for all the vertex's arcs (again if its structs
    /// changed meanwhile), as a vertex filled many times has as many structs as arcs.
    /// </summary>
    private sealed class Closers(List<StructInfo> structs, int count)
    {
        public List<StructInfo> Structs { get; } = structs;

        public int Count { get; } = count;

        /// <summary>Every struct's chain of slots, from its own node up to the root, one after the other; null when
        /// no struct is closed, and every label is accepted.</summary>
        public int[]? Chains { get; set; }

        /// <summary>Where each struct's chain starts in <see cref="Chains"/>, and one more for the end.</summary>
        public int[] Starts { get; set; } = [];

        /// <summary>Per slot: whether it is an embedding, whether it is required, and how many accepted children it
        /// waits for.</summary>
        public Slot[] Slots { get; set; } = [];

        public List<int> Todo { get; } = [];
    }

    private struct Slot
    {
        public bool Embed;
        public bool Required;
        public int RequiredCount;
        public bool Accepted;
        public int AcceptedCount;
    }

    [ThreadStatic]
    private static List<CloseInfo?>? t_closerNodes;

    [ThreadStatic]
    private static List<int>? t_closerChains;

    private static Closers ClosersOf(Vertex v)
    {
        var k = new Closers(v.Structs, v.Structs.Count);
        if (!AnyClosing(v.Structs))
        {
            return k;
        }

        // Chains are short and share most nodes: a linear search finds a node's slot faster than a hash would. The
        // scratch lists are the thread's own, as this runs for every closed vertex that is finalized.
        var nodes = t_closerNodes ??= [];
        var all = t_closerChains ??= [];
        nodes.Clear();
        all.Clear();
        nodes.Add(null);
        var starts = new int[v.Structs.Count + 1];
        for (var i = 0; i < v.Structs.Count; i++)
        {
            starts[i] = all.Count;
            for (var c = v.Structs[i].Ci; c is not null; c = c.Parent)
            {
                var slot = nodes.IndexOf(c, 1);
                if (slot < 0)
                {
                    slot = nodes.Count;
                    nodes.Add(c);
                }

                all.Add(slot);
            }

            all.Add(0);
        }

        starts[^1] = all.Count;
        var chains = all.ToArray();

        var slots = new Slot[nodes.Count];
        for (var j = 1; j < slots.Length; j++)
        {
            slots[j].Embed = nodes[j]!.IsEmbed;
        }

        // v0.4's markCounts: a struct is closed by the nearest closing node of its chain; that node and every node
        // above it are required, each waiting for one accepted child per distinct required child, except that an
        // embedding passes nothing up. Required nodes inside an embedding need not be accepted themselves.
        for (var i = 0; i < v.Structs.Count; i++)
        {
            var at = starts[i];
            var c = v.Structs[i].Ci;
            while (c is not null && !c.Closing)
            {
                c = c.Parent;
                at++;
            }

            if (c is null)
            {
                continue;
            }

            var count = 0;
            for (; at < starts[i + 1]; at++)
            {
                var slot = chains[at];
                ref var x = ref slots[slot];
                x.RequiredCount += count;
                if (x.Required)
                {
                    break;
                }

                if (slot == 0 || !nodes[slot]!.InEmbedding)
                {
                    k.Todo.Add(slot);
                }

                x.Required = true;
                count = x.Embed ? 0 : 1;
            }
        }

        k.Chains = chains;
        k.Starts = starts;
        k.Slots = slots;

        // The scratch must not keep this evaluation's close infos alive.
        nodes.Clear();
        return k;
    }

    private static bool AnyClosing(List<StructInfo> structs)
    {
        foreach (var si in structs)
        {
            for (var c = si.Ci; c is not null; c = c.Parent)
            {
                if (c.Closing)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether the closed structs of <paramref name="v"/> allow a regular field with this label.</summary>
    private bool Accept(Vertex v, int label)
    {
        Closers? once = null;
        return Accept(v, label, ref once);
    }

    /// <summary>
    /// Whether the closed structs of <paramref name="v"/> allow a regular field with this label, as v0.4 decides it:
    /// the structs that declare the label are marked up their chains, a node passing its mark on only once as many
    /// of its required children are accepted as it waits for; the label is allowed if a mark reaches the root and
    /// every required node outside an embedding was accepted. So a definition embedded in one literal does not
    /// close what a sibling embedding adds (`{a: #D}` and `{a: {y: 1}}` embedded side by side), as in v0.4.
    /// </summary>
    private bool Accept(Vertex v, int label, ref Closers? known)
    {
        if (v.ClosedByLabel && v.Structs.Count > 0 && !AnyAdmits(v.Structs, label))
        {
            return false;
        }

        if (known is null || !ReferenceEquals(known.Structs, v.Structs) || known.Count != v.Structs.Count)
        {
            known = ClosersOf(v);
        }

        if (known.Chains is not { } chains)
        {
            return true;
        }

        var slots = known.Slots;
        for (var j = 0; j < slots.Length; j++)
        {
            slots[j].Accepted = false;
            slots[j].AcceptedCount = 0;
        }

        var found = false;
        var starts = known.Starts;
        for (var i = 0; i < starts.Length - 1; i++)
        {
            if (Admits(v.Structs[i], label) && MarkUp(slots, chains.AsSpan(starts[i], starts[i + 1] - starts[i])))
            {
                found = true;
            }
        }

        foreach (var slot in known.Todo)
        {
            if (!slots[slot].Accepted)
            {
                return false;
            }
        }

        return found;
    }

    private static bool MarkUp(Slot[] slots, ReadOnlySpan<int> chain)
    {
        var count = 0;
        foreach (var slot in chain)
        {
            ref var x = ref slots[slot];
            x.AcceptedCount += count;
            if (x.AcceptedCount < x.RequiredCount)
            {
                return false;
            }

            x.Accepted = true;
            count = x.Required && !x.Embed ? 1 : 0;
        }

        return true;
    }

    private bool Admits(StructInfo si, int label)
    {
        if (si.Open)
        {
            return true;
        }

        if (Array.IndexOf(si.Front, label) >= 0)
        {
            return true;
        }

        if (si.Extra is not null && si.Extra.Contains(label))
        {
            return true;
        }

        if (si.Patterns is not null)
        {
            foreach (var p in si.Patterns)
            {
                if (PatternMatches(p, label))
                {
                    return true;
                }
            }
        }

        return false;
    }
}

/// <summary>Bridges the evaluator to the export order used for data vertices.</summary>
internal sealed partial class Evaluator
{
    private static List<int> ExportOrder(Vertex v) => Core.ExportOrder.Compute(v);
}
