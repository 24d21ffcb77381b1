using Dagger.Runtime.Cue.Syntax;

namespace Dagger.Runtime.Cue.Core;

internal sealed partial class Evaluator
{
    // Larger disjunctions (enumerations of many values) take the general path, which merges equal ones by hash.
    private const int MaxScalarTerms = 32;

    /// <summary>
    /// Expands the one disjunction of a scalar field whose terms are literals, basic types and bounds
    /// (<c>*"/bin/sh" | "/bin/bash"</c>, <c>*1 | int &amp; &gt;=0</c>) without evaluating the field again per term: such
    /// a term cannot reach anything, so each disjunct is the field's state so far with the term added. The result is
    /// the one <see cref="ExpandDisjunction"/> gives; it is the common case of a schema's defaults, and evaluating
    /// every conjunct again per term made it most of the evaluator's garbage on large plans.
    /// </summary>
    /// <returns>False when the field does not qualify, or when no term survives (the general path then reports the
    /// errors the way it always does).</returns>
    /// <remarks>The disjuncts carry no <see cref="Vertex.Choices"/> or marks: they are finished here and never
    /// evaluated again, and fills (which look for disjunct copies) track their reads through the general path.</remarks>
    private bool TryExpandScalarDisjunction(NodeState s)
    {
        var v = s.V;
        if (s.Disjs.Count != 1 || s.Disjs[0].Expr.Terms.Count > MaxScalarTerms || Tracking || v.Choices is not null ||
            !IsPlainScalar(s) || v.Arcs.Count > 0 || v.Structs.Count > 0 || v.Patterns.Count > 0)
        {
            return false;
        }

        var (env, d, ci) = s.Disjs[0];
        if (!HasScalarTerms(d))
        {
            return false;
        }

        // Each disjunct with its default mode, equal ones merged as Dedupe does: the first stays, unless the later
        // one took a marked term.
        var kept = new List<Vertex>(d.Terms.Count);
        Span<DefaultMode> modes = stackalloc DefaultMode[d.Terms.Count];
        for (var t = 0; t < d.Terms.Count; t++)
        {
            var mode = !d.HasDefaults ? DefaultMode.Maybe : d.Terms[t].Default ? DefaultMode.Default : DefaultMode.NotDefault;
            var w = new Vertex(v.Parent, v.Label)
            {
                Origin = v.Origin,
                ClosedByLabel = v.ClosedByLabel,
                Pos = v.Pos,
                Attributes = v.Attributes,
            };
            AddTerm(s, w, env, d.Terms[t].Expr, ci);
            if (w.BaseValue is Bottom { IsIncomplete: false })
            {
                continue;
            }

            if (w.BaseValue is Bottom)
            {
                // Incomplete disjuncts count only when nothing else is left; the general path sorts that out.
                return false;
            }

            var twin = -1;
            for (var k = 0; k < kept.Count && twin < 0; k++)
            {
                twin = VertexEquals(kept[k], w, EqualOptional.IgnoreOptional) ? k : -1;
            }

            if (twin < 0)
            {
                modes[kept.Count] = mode;
                kept.Add(w);
            }
            else if (mode == DefaultMode.Default)
            {
                kept[twin] = w;
                modes[twin] = mode;
            }
        }

        if (kept.Count == 0)
        {
            return false;
        }

        v.ExpandedDisjunction = true;
        if (kept.Count == 1)
        {
            Adopt(v, kept[0]);
            return true;
        }

        // A disjunction whose marked terms all died counts as unmarked.
        var marked = modes[..kept.Count].Contains(DefaultMode.Default);
        if (!marked)
        {
            modes.Clear();
        }

        SetDisjunctionResult(v, kept, modes[..kept.Count], marked);
        return true;
    }

    // The disjunct `w` is the state of `s` with one more conjunct, unified and completed as Run would.
    private void AddTerm(NodeState s, Vertex w, Env env, Expr term, CloseInfo? ci)
    {
        var state = RentState(w, s.Depth);
        state.ForkScalar(s);
        w.State = state;
        w.Status = VertexStatus.Evaluating;
        try
        {
            state.ChoosingTerm = true;
            AddConjunct(state, env, term, ci);
            state.ChoosingTerm = false;
            Fixpoint(state);
            Complete(state);
        }
        finally
        {
            w.State = null;
            w.Status = VertexStatus.Finalized;
            _spare.Push(state);
        }
    }

    // Nothing in the state can change with a term added but its scalar, kind and bounds.
    private static bool IsPlainScalar(NodeState s) =>
        s.Error is null && s.Conflict is null && s.Incomplete is null && !s.IsStruct && !s.IsList && !s.StructuralCycle &&
        !s.StructuralCycleRef && !s.ListIncomplete && s.Lists.Count == 0 && s.Pending.Count == 0 && s.DynFields.Count == 0 &&
        s.Comps.Count == 0 && s.Scalar is not BuiltinValue;

    private static bool HasScalarTerms(DisjunctionExpr d)
    {
        if (d.ScalarTerms is { } known)
        {
            return known;
        }

        var all = true;
        foreach (var (term, _) in d.Terms)
        {
            all &= IsScalarTerm(term);
        }

        d.ScalarTerms = all;
        return all;
    }

    // Literals, basic types and bounds on literals, joined by `&`: a term that refers to nothing.
    private static bool IsScalarTerm(Expr e) => e switch
    {
        BasicLit => true,
        ParenExpr p => IsScalarTerm(p.X),
        Ident { Kind: RefKind.Predeclared } id => Predeclared.Get(id.Name) is not (BuiltinValue or Bottom),
        UnaryExpr { X: BasicLit } => true,
        BinaryExpr { Op: BinOp.And } b => IsScalarTerm(b.X) && IsScalarTerm(b.Y),
        _ => false,
    };
}
