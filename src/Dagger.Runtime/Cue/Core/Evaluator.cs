using Dagger.Runtime.Cue.Errors;
using Dagger.Runtime.Cue.Syntax;

namespace Dagger.Runtime.Cue.Core;

/// <summary>
/// Unifies conjuncts into vertices, lazily: a vertex is evaluated when a reference, selector or the exporter needs
/// it. See CUE-NOTES §1.4 for the algorithm this follows.
/// </summary>
internal sealed partial class Evaluator
{
    private const int MaxDepth = 1200;
    private const long MaxWork = 20_000_000;
    private const int DeepAncestry = 64;

    // How deep a referenced vertex is still evaluated before its conjuncts are taken, as v0.4 does. Deeper, the
    // conjuncts are taken as they are: a chain of thousands of references then needs no nested evaluation per link,
    // and what it changes, the order of fields that come through a cycle, does not arise in such chains.
    private const int EagerDepth = 300;

    // The `_` of a plain `...`.
    private static readonly Ident AnyValue = new() { Name = "_", Kind = RefKind.Predeclared, Target = "_" };

    private int _depth;
    private long _work;
    private int _cycleHit = int.MaxValue;

    // Finished node states, reused by the next evaluations.
    private readonly Stack<NodeState> _spare = new();

    /// <summary>The labels of this evaluator's vertices.</summary>
    public LabelTable Names { get; } = new();

    /// <summary>Resolves an import path to a package value (a vertex or a builtin package).</summary>
    public Func<string, Value?> Imports { get; set; } = _ => null;

    /// <summary>Evaluates a vertex's own conjuncts (not its children) and returns its value.</summary>
    public Value Evaluate(Vertex v)
    {
        if (Tracking)
        {
            NoteRead(v, ReadKind.Value);
        }

        if (v.Stale && v.Status != VertexStatus.Evaluating)
        {
            v.Stale = false;
            ResetVertex(v);
        }

        if (v.Status >= VertexStatus.Evaluated)
        {
            return v.BaseValue ?? TopValue.Instance;
        }

        if (v.Status == VertexStatus.Evaluating)
        {
            var st = v.State!;
            if (st.Source != int.MaxValue)
            {
                InsertConjuncts(st);
            }

            _cycleHit = Math.Min(_cycleHit, st.Depth);
            if (st.Scalar is not null)
            {
                return st.Scalar;
            }

            if (st.IsStruct || (st.IsList && !st.FillingList))
            {
                // What it has so far; a list whose comprehension is still running has only part of its elements
                // (len would count them), so that is a reference cycle, as in v0.4.
                return v;
            }

            return new Bottom(ErrorCode.Cycle, "cycle error");
        }

        if (++_depth > MaxDepth || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _depth--;
            throw new CueEvalException($"evaluation too deep at {v.PathString(Names)} (structure nested more than {MaxDepth} levels or a runaway reference)", false);
        }

        if (++_work > MaxWork)
        {
            throw new CueEvalException("evaluation takes too long (work limit exceeded)", false);
        }

        var outerHit = _cycleHit;
        _cycleHit = int.MaxValue;
        var s = RentState(v, _depth);
        v.State = s;
        v.Status = VertexStatus.Evaluating;
        VerticesEvaluated++;
        var tracked = Tracking;
        if (tracked)
        {
            _readerStack.Add(v);
        }

        try
        {
            Run(s);
        }
        finally
        {
            if (tracked)
            {
                _readerStack.RemoveAt(_readerStack.Count - 1);
            }

            v.State = null;
            _depth--;
        }

        var result = v.BaseValue ?? TopValue.Instance;
        var hit = _cycleHit;
        if (hit < s.Depth && (IsIncompleteResult(v) || s.Pending.Count > 0))
        {
            // The result depended on an ancestor still under evaluation: compute it again on the next access.
            v.Status = VertexStatus.Evaluated;
            v.Stale = true;
        }
        else
        {
            v.Status = VertexStatus.Evaluated;
        }

        _cycleHit = Math.Min(outerHit, hit < s.Depth ? hit : int.MaxValue);
        _spare.Push(s);
        return result;
    }

    /// <summary>A node state for <paramref name="v"/>, a finished one reused if there is one; <c>_spare</c> takes it back.</summary>
    private NodeState RentState(Vertex v, int depth)
    {
        if (_spare.TryPop(out var spare))
        {
            spare.Reset(v, depth);
            return spare;
        }

        return new NodeState(v, depth);
    }

    /// <summary>
    /// Adds the vertex's conjuncts that the first pass has not started. A reference that reaches the vertex while one
    /// of its conjuncts is being added (<c>h: f</c>, <c>h: b: 7</c>, where <c>f</c> reads <c>h</c>) calls this too,
    /// as v0.4 does: the rest of the conjuncts come in first, which decides the order of the fields.
    /// </summary>
    private void InsertConjuncts(NodeState s)
    {
        var outer = s.Source;
        var conjuncts = s.V.Conjuncts;
        while (s.NextConjunct < conjuncts.Count)
        {
            var i = s.NextConjunct++;
            s.Source = i;
            AddConjunctOf(s, conjuncts[i]);
        }

        s.Source = outer;
    }

    private static bool IsIncompleteResult(Vertex v) => v.BaseValue is Bottom { IsIncomplete: true } || v.PendingError is not null;

    private void Run(NodeState s)
    {
        var v = s.V;
        InsertConjuncts(s);
        s.Source = int.MaxValue;
        Fixpoint(s);
        var choices = v.Choices;
        if (choices is null && s.Disjs.Count > 0 && WaitsOnSelfSum(s))
        {
            // v0.4 expands a disjunction only once the vertex has a value, which a sum of itself cannot give it.
            s.Incomplete = Bottom.Incomplete("incomplete cause disjunction");
            s.PendingCycleOnly = false;
            Complete(s);
            return;
        }

        var k = 0;
        List<int>? parents = null;
        if (choices is not null)
        {
            parents = new List<int>(s.Disjs.Count);
            for (var i = 0; i < s.Disjs.Count; i++)
            {
                parents.Add(-1);
            }
        }

        while (choices is not null && k < choices.Count && k < s.Disjs.Count)
        {
            var (env, d, ci) = s.Disjs[k];
            s.ChoosingTerm = true;
            AddConjunct(s, env, d.Terms[choices[k]].Expr, ci);
            s.ChoosingTerm = false;
            k++;
            Fixpoint(s);

            // Disjunctions that appear now are nested in the chosen term.
            while (parents!.Count < s.Disjs.Count)
            {
                parents.Add(k - 1);
            }
        }

        if (k < s.Disjs.Count && s.Error is null)
        {
            if (v.Choices is not null)
            {
                // A disjunct copy stops here; the vertex that owns the disjunction expands the rest level by level.
                v.PendingDisjs = s.Disjs;
                v.DisjParents = parents;
                Complete(s);
                return;
            }

            ExpandDisjunction(s);
            return;
        }

        Complete(s);
    }

    private void AddConjunctOf(NodeState s, Conjunct c)
    {
        ConjunctsAdded++;
        if (c.Data is not null)
        {
            InsertVertex(s, c.Data, c.Ci, false);
        }
        else
        {
            AddConjunct(s, c.Env!, c.Expr!, c.Ci);
        }
    }

    /// <summary>Unifies one expression into the vertex under evaluation.</summary>
    private void AddConjunct(NodeState s, Env env, Expr e, CloseInfo? ci)
    {
        EnsureStack();
        switch (e)
        {
            case ParenExpr p:
                AddConjunct(s, env, p.X, ci);
                return;
            case StructLit lit:
                CountNonCyclic(s, ci);
                AddStruct(s, env, lit, ci);
                return;
            case ListLit l:
                CountNonCyclic(s, ci);
                AddList(s, env, l, ci);
                return;
            case BinaryExpr { Op: BinOp.And } b:
                AddConjunct(s, env, b.X, ci);
                AddConjunct(s, env, b.Y, ci);
                return;
            case BinaryExpr { Op: BinOp.Add or BinOp.Mul } b:
                if (Binary(env, b, s, ci) is { } value)
                {
                    MergeValue(s, value, env, e, ci);
                }

                return;
            case DisjunctionExpr d:
                s.AddDisj(env, d, ci);
                return;
            case VertexRefExpr vr:
                InsertVertex(s, vr.Vertex, ci, false);
                return;
            case Ident { Kind: RefKind.Field or RefKind.ClauseVar or RefKind.StructLet or RefKind.Import } id:
                {
                    var r = ResolveIdent(env, id);
                    if (r is Vertex tv)
                    {
                        InsertVertex(s, tv, ci, Labels.IsDefinition(tv.Label) && id.Kind == RefKind.Field);
                    }
                    else
                    {
                        MergeValue(s, r, env, e, ci);
                    }

                    return;
                }

            case SelectorExpr or IndexExpr:
                {
                    var r = EvalValue(env, e);
                    if (r is Vertex tv && !tv.IsData && tv.Label != Labels.None)
                    {
                        InsertVertex(s, tv, ci, IsDefRef(e));
                    }
                    else
                    {
                        MergeValue(s, r, env, e, ci);
                    }

                    return;
                }

            case CallExpr call when IsPredeclared(call.Fun, out var fname) && fname is "close" or "and" or "or":
                if (call.Args.Count != 1)
                {
                    s.Error ??= Bottom.Error($"{fname}: expected 1 argument, found {call.Args.Count}", call.Pos);
                    return;
                }

                if (fname == "close")
                {
                    if (CloseArgumentError(env, call) is { } notStruct)
                    {
                        if (notStruct.IsIncomplete)
                        {
                            MergeValue(s, notStruct, env, call, ci);
                        }
                        else
                        {
                            s.Error ??= notStruct;
                        }

                        return;
                    }

                    AddConjunct(s, env, call.Args[0], CloseInfo.Spawn(ci, oneLevel: true));
                    return;
                }

                AddAndOr(s, env, call, fname, ci);
                return;
            default:
                MergeValue(s, EvalValue(env, e), env, e, ci);
                return;
        }
    }

    /// <summary>Stops cleanly before the thread's stack runs out (a stack overflow cannot be caught in .NET).</summary>
    private static void EnsureStack()
    {
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new CueEvalException("evaluation too deep: expression or reference chain nested too deeply for the stack", false);
        }
    }

    private static void CountNonCyclic(NodeState s, CloseInfo? ci)
    {
        if (ci is null || !ci.AnyCyclic)
        {
            s.NonCyclic++;
        }
    }

    private static bool IsPredeclared(Expr e, out string name)
    {
        if (e is Ident { Kind: RefKind.Predeclared, Target: string n })
        {
            name = n;
            return true;
        }

        name = "";
        return false;
    }

    private static bool IsDefRef(Expr e) => e switch
    {
        Ident id => Labels.IsDefinition(id.Label) && id.Kind == RefKind.Field,
        SelectorExpr sel => Labels.IsDefinition(sel.Label) || IsDefRef(sel.X),
        IndexExpr ix => IsDefRef(ix.X),
        _ => false,
    };

    private void AddAndOr(NodeState s, Env env, CallExpr call, string fname, CloseInfo? ci)
    {
        var arg = Deref(EvalValue(env, call.Args[0]));
        if (arg is Bottom b)
        {
            MergeValue(s, b, env, call, ci);
            return;
        }

        if (arg is not Vertex { IsList: true } lv)
        {
            s.Error ??= Bottom.Error($"{fname}: argument must be a list", call.Pos);
            return;
        }

        if (fname == "and")
        {
            foreach (var el in lv.Arcs)
            {
                InsertVertex(s, el, ci, false);
            }

            return;
        }

        if (lv.Arcs.Count == 0)
        {
            AddError(s, Bottom.Incomplete("empty list in call to or", call.Pos));
            return;
        }

        var d = new DisjunctionExpr { Pos = call.Pos };
        foreach (var el in lv.Arcs)
        {
            d.Terms.Add((new VertexRefExpr { Vertex = el, Pos = call.Pos }, false));
        }

        s.AddDisj(env, d, ci);
    }

    /// <summary>Unifies all conjuncts of <paramref name="t"/> into the vertex under evaluation.</summary>
    private void InsertVertex(NodeState s, Vertex t, CloseInfo? ci, bool closing)
    {
        if (t.IsData)
        {
            CountNonCyclic(s, ci);
            MergeData(s, t, ci);
            return;
        }

        if (ReferenceEquals(t.Origin, s.V.Origin))
        {
            return;
        }

        var ancestors = 0;
        for (var p = s.V.Parent; p is not null; p = p.Parent)
        {
            if (ReferenceEquals(p.Origin, t.Origin))
            {
                s.StructuralCycle = true;
                return;
            }

            // Unifications that re-enter themselves through references (a cycle v0.4 reports as structural) grow
            // this chain without nesting Evaluate: deep walks count as work, so such input stops instead of looping.
            if (++ancestors > DeepAncestry && ++_work > MaxWork)
            {
                throw new CueEvalException($"evaluation takes too long at {s.V.PathString(Names)} (work limit exceeded; a reference cycle through unification?)", false);
            }
        }

        var cyclic = false;
        if (s.V.Choices is not null && CloseInfo.FollowedRef(ci, t.Origin))
        {
            if (s.ChoosingTerm && FollowedHere(s, ci, t.Origin))
            {
                // The chosen term of a disjunction found in this node's conjuncts of t brings t back (the term
                // `#Foo` of `#Foo: {{a: 1} | #Foo}`): the disjunct contains itself, a structural cycle, and is
                // eliminated. Inserting t again would only bring its disjunction back one level deeper, for ever.
                // (A conjunct of t that refers to t itself, outside a term, is a harmless reference cycle.)
                s.StructuralCycle = true;
                return;
            }

            // Following the same reference again inside a disjunct: the disjunct survives only if something
            // else (data) gives it a value.
            s.StructuralCycleRef = true;
            cyclic = true;
        }

        if (Tracking)
        {
            NoteRead(t, ReadKind.Conjuncts);
        }

        t.Referenced = true;

        // The same vertex is inserted again only through another close info node, as v0.4 keys its arc map by
        // the node itself: two embeddings of one definition (or two runs of one comprehension) each bring its
        // conjuncts, and `cue eval` shows each copy. A vertex whose insertion is under way is a reference cycle,
        // a fixed point.
        if (s.Inserting.Contains(t) || !s.Seen.Add((t, ci)))
        {
            CountNonCyclic(s, ci);
            return;
        }

        if (t.Conjuncts.Count == 0 && t.Status >= VertexStatus.Evaluated)
        {
            CountNonCyclic(s, ci);
            MergeData(s, t, ci);
            return;
        }

        if (t.Attributes is not null)
        {
            var attrs = s.V.Attributes ??= [];
            foreach (var a in t.Attributes)
            {
                if (!attrs.Contains(a))
                {
                    attrs.Add(a);
                }
            }
        }

        if (IsFinishedScalar(t))
        {
            // Structure sharing: a finished scalar is its value, so a chain of references costs one step per
            // link instead of re-unifying the whole chain at every link. It keeps the position the value came
            // from, as unifying the conjuncts again would.
            CountNonCyclic(s, ci);
            MergeScalar(s, Evaluate(t), t.ValuePos);
            return;
        }

        if (t.Status == VertexStatus.Unprocessed && _depth < EagerDepth)
        {
            // v0.4 evaluates a referenced vertex before it takes its conjuncts (Unify(arc, Partial) in lookup), so
            // a reference of t back into a vertex under evaluation brings that vertex's other conjuncts in first.
            Evaluate(t);
        }

        var nci = new CloseInfo { Parent = closing ? CloseInfo.Spawn(ci) : ci, RefArc = t.Origin, Cyclic = cyclic };

        s.References.Add(nci);
        var n = t.Conjuncts.Count;
        s.Inserting.Add(t);
        for (var i = 0; i < n; i++)
        {
            AddConjunctOf(s, t.Conjuncts[i] with { Ci = nci });
        }

        s.Inserting.Remove(t);
    }

    /// <summary>
    /// Whether <paramref name="ci"/> came through a reference to <paramref name="arc"/> followed in this very node,
    /// not in an ancestor whose close info the node's fields inherit.
    /// </summary>
    private static bool FollowedHere(NodeState s, CloseInfo? ci, Vertex arc)
    {
        for (var c = ci; c is not null; c = c.Parent)
        {
            if (ReferenceEquals(c.RefArc, arc) && s.References.Contains(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsFinishedScalar(Vertex t) =>
        t.Status >= VertexStatus.Evaluated && !t.Stale && t.Arcs.Count == 0 && t.PendingError is null &&
        t.BaseValue is StringValue or NumValue or BoolValue or NullValue or BytesValue;

    /// <summary>Unifies a finished value (a builtin result or an intermediate vertex) into the node.</summary>
    private void MergeData(NodeState s, Vertex t, CloseInfo? ci)
    {
        var bv = Evaluate(t);
        if (bv is DisjunctionValue)
        {
            bv = Deref(t);
            if (bv is Vertex dv && !ReferenceEquals(dv, t))
            {
                MergeData(s, dv, ci);
                return;
            }
        }

        switch (bv)
        {
            case Bottom b:
                AddError(s, b);
                return;
            case StructMarker m:
                if (!ReferenceEquals(m, StructMarker.ByDefault))
                {
                    MarkStruct(s);
                }

                break;
            case ListMarker lm:
                MarkList(s);
                s.Lists.Add((null, null, ci, t.Arcs.Count, lm.IsOpen));
                break;
            case Vertex:
                break;
            default:
                MergeScalar(s, bv, default);
                break;
        }

        if (t.Arcs.Count > 0 || bv is StructMarker)
        {
            var labels = new List<int>();
            var cci = CloseInfo.ForChild(ci);
            foreach (var a in t.Arcs)
            {
                labels.Add(a.Label);
                AddFieldConjunct(s.V, a.Label, new Conjunct(null, null, cci, a), a.Attributes);
            }

            if (bv is StructMarker)
            {
                var si = new StructInfo(null, null, ci) { DataLabels = ExportOrder(t).ToArray() };
                foreach (var ts in t.Structs)
                {
                    if (ts.Open)
                    {
                        si.Open = true;
                    }
                }

                si.Source = s.Source;
                s.V.AddStruct(si);
            }
        }
    }

    private void AddStruct(NodeState s, Env env, StructLit lit, CloseInfo? ci)
    {
        if (!lit.IsFile && lit.Decls.Exists(d => d is EmbedDecl or ComprehensionDecl))
        {
            ci = new CloseInfo { Parent = ci, Group = true };
        }

        var v = s.V;
        var childEnv = new Env(env, v);
        var si = new StructInfo(lit, childEnv, ci) { Open = lit.HasEllipsis, Source = s.Source };
        v.AddStruct(si);
        // A literal that embeds a value (or a comprehension) and declares no regular field is that value; if
        // nothing else decides, it is a struct after all (see Complete).
        var hasEmbed = false;
        var isStruct = false;
        var cci = CloseInfo.ForChild(ci);

        // v0.4's order: embeddings are unified first, then the literal's patterns apply, then its regular fields
        // are inserted. Arc order (what `for` visits) and the order of each arc's conjuncts (its export order)
        // both follow from it.
        foreach (var d in lit.Decls)
        {
            switch (d)
            {
                case Field { Label.Kind: LabelKind.Dynamic } f:
                    isStruct = true;
                    s.DynFields.Add((childEnv, f, ci, si));
                    break;
                case Field f:
                    isStruct |= f.Label.Kind == LabelKind.Regular && !f.Optional;
                    break;
                case EmbedDecl e:
                    hasEmbed = true;
                    AddConjunct(s, childEnv, e.Expr, CloseInfo.Embed(ci, si));
                    break;
                case ComprehensionDecl c:
                    // A comprehension is an embedding: what its body yields (a list, a scalar, fields) decides
                    // what the literal is, as in v0.4.
                    hasEmbed = true;
                    s.Comps.Add((childEnv, c.Comprehension, ci, si));
                    break;
            }
        }

        foreach (var d in lit.Decls)
        {
            switch (d)
            {
                case Field { Label.Kind: LabelKind.Pattern } f:
                    AddPattern(v, si, new Pattern { Env = childEnv, Filter = f.Label.Expr, Value = f.Value, Ci = cci });
                    break;
                case Field { Label.Kind: not LabelKind.Dynamic, Optional: true } f:
                    AddPattern(v, si, new Pattern { Env = childEnv, ExactLabel = f.Label.Feature, Value = f.Value, Ci = cci, Attributes = f.Attributes.Count > 0 ? f.Attributes : null });
                    break;
                case EllipsisDecl el:
                    // A plain `...` is `..._`: v0.4 adds `_` to every field the struct does not declare (it shows
                    // where such a field prints as its conjuncts).
                    AddPattern(v, si, new Pattern { Env = childEnv, Value = el.Type ?? AnyValue, Ci = cci, Owner = si });
                    break;
            }
        }

        foreach (var d in lit.Decls)
        {
            if (d is Field { Label.Kind: not (LabelKind.Dynamic or LabelKind.Pattern), Optional: false } f)
            {
                AddFieldConjunct(v, f.Label.Feature, new Conjunct(childEnv, f.Value, cci), f.Attributes.Count > 0 ? f.Attributes : null, f.Pos);
            }
        }

        if (isStruct || !hasEmbed)
        {
            MarkStruct(s, lit.Pos);
        }
    }

    private void AddFieldConjunct(Vertex v, int label, Conjunct c, List<Syntax.Attribute>? attrs, Pos pos = default)
    {
        var arc = v.GetOrAddArc(label, out var created);
        if (!arc.Pos.IsValid)
        {
            arc.Pos = pos;
        }

        if (!created && arc.Status >= VertexStatus.Evaluated)
        {
            ResetVertex(arc);
        }

        AppendConjunct(arc, c);
        if (created && Tracking)
        {
            arc.CreatedBy = SourceOf(v);
        }

        if (attrs is not null)
        {
            (arc.Attributes ??= []).AddRange(attrs);
        }

        if (created)
        {
            foreach (var p in v.Patterns)
            {
                if (PatternMatches(p, label))
                {
                    AppendConjunct(arc, PatternConjunct(p, label));
                    AddAttributes(arc, p);
                }
            }
        }
    }

    private static void ResetVertex(Vertex v)
    {
        v.Status = VertexStatus.Unprocessed;
        v.BaseValue = null;
        v.PendingError = null;
        v.ChildError = null;
        v.ExpandedDisjunction = false;
        v.ResetArcs();
        v.ResetStructsAndPatterns();
    }

    // `_` needs no label in its scope, so a plain `...` costs a field no scope of its own.
    private static Conjunct PatternConjunct(Pattern p, int label) => p.Value == AnyValue
        ? new(p.Env, p.Value, p.Ci)
        : new(new Env(p.Env.Up, p.Env.Vertex, label) { File = p.Env.File, Lets = p.Env.Lets }, p.Value, p.Ci);

    private void AddPattern(Vertex v, StructInfo si, Pattern p)
    {
        v.AddPattern(p);
        (si.Patterns ??= new(1)).Add(p);
        foreach (var arc in v.Arcs)
        {
            if (PatternMatches(p, arc.Label))
            {
                if (arc.Status >= VertexStatus.Evaluated)
                {
                    ResetVertex(arc);
                }

                AppendConjunct(arc, PatternConjunct(p, arc.Label));
                AddAttributes(arc, p);
            }
        }
    }

    // An optional field's attributes belong to the field once it is there (tag?: string @dagger(input), then tag: "v1").
    private static void AddAttributes(Vertex arc, Pattern p)
    {
        if (p.Attributes is null)
        {
            return;
        }

        var attributes = arc.Attributes ??= [];
        foreach (var attribute in p.Attributes)
        {
            if (!attributes.Contains(attribute))
            {
                attributes.Add(attribute);
            }
        }
    }

    private bool PatternMatches(Pattern p, int label)
    {
        if (!Labels.IsString(label))
        {
            return false;
        }

        if (p.ExactLabel != Labels.None)
        {
            return p.ExactLabel == label;
        }

        if (p.Filter is null)
        {
            return p.Owner is not { } owner || !Declares(owner, p, label);
        }

        if (p.FilterValue is null)
        {
            // A disjunction filter matches any of its disjuncts; it must not be narrowed to a default.
            var raw = EvalValue(p.Env, p.Filter);
            p.FilterValue = raw is Vertex rv && Evaluate(rv) is DisjunctionValue ? rv : Deref(raw);
        }

        return LabelMatches(p.FilterValue, Names.Name(label));
    }

    private bool Declares(StructInfo owner, Pattern additional, int label)
    {
        if (Array.IndexOf(owner.Front, label) >= 0)
        {
            return true;
        }

        foreach (var q in owner.Patterns ?? [])
        {
            if (q != additional && q.Filter is not null && PatternMatches(q, label))
            {
                return true;
            }
        }

        return false;
    }

    private bool LabelMatches(Value filter, string name)
    {
        switch (filter)
        {
            case TopValue:
                return true;
            case StringValue sv:
                return sv.S == name;
            case ConstraintValue c:
                {
                    if ((c.Kind & Kind.String) == 0)
                    {
                        return false;
                    }

                    var label = new StringValue(name);
                    foreach (var b in c.Bounds)
                    {
                        if (CheckBound(b, label) is not null)
                        {
                            return false;
                        }
                    }

                    return true;
                }

            case BoundValue or ValidatorValue:
                return (filter.Kind & Kind.String) != 0 && CheckBound(filter, new StringValue(name)) is null;
            case Vertex { BaseValue: DisjunctionValue d }:
                foreach (var x in d.Values)
                {
                    if (LabelMatches(Deref(x), name))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private void AddList(NodeState s, Env env, ListLit l, CloseInfo? ci)
    {
        MarkList(s, l.Pos);
        var idx = 0;
        var cci = CloseInfo.ForChild(ci);
        foreach (var el in l.Elems)
        {
            if (el is Comprehension c)
            {
                var yields = new List<Env>();
                var filling = s.FillingList;
                s.FillingList = true;
                var err = Clauses(env, c, 0, yields);
                s.FillingList = filling;
                if (err is not null)
                {
                    AddError(s, err);
                    s.ListIncomplete |= err.IsIncomplete;
                    continue;
                }

                foreach (var y in yields)
                {
                    AddFieldConjunct(s.V, Labels.Int(idx++), new Conjunct(y, c.Body, cci), null, c.Pos);
                }

                continue;
            }

            AddFieldConjunct(s.V, Labels.Int(idx++), new Conjunct(env, el, cci), null, el.Pos);
        }

        s.Lists.Add((env, l, ci, idx, l.Open));
    }

    private static void MarkStruct(NodeState s, Pos pos = default)
    {
        s.IsStruct = true;
        if (s.V.BaseValue is null)
        {
            // Visible to references that read the vertex while it is still being built.
            s.V.BaseValue = StructMarker.Instance;
        }

        IntersectKind(s, Kind.Struct, StructMarker.Instance, pos);
    }

    private static void MarkList(NodeState s, Pos pos = default)
    {
        s.IsList = true;
        if (s.V.BaseValue is null)
        {
            s.V.BaseValue = ListMarker.Open;
        }

        IntersectKind(s, Kind.List, ListMarker.Closed, pos);
    }

    private static void IntersectKind(NodeState s, Kind k, Value v, Pos pos = default)
    {
        var nk = s.Kind & k;
        if (nk == Kind.None && s.Error is null)
        {
            var prev = s.LastKindValue;
            s.Error = Bottom.Conflict(
                prev is null
                    ? $"conflicting values {Describe(v)} and {KindNames.Name(s.Kind)} (mismatched types {KindNames.Name(k)} and {KindNames.Name(s.Kind)})"
                    : $"conflicting values {Describe(prev)} and {Describe(v)} (mismatched types {KindNames.Name(prev.Kind)} and {KindNames.Name(k)})",
                s.LastKindPos,
                pos);
        }

        s.Kind = nk;
        s.LastKindValue = v;
        s.LastKindPos = pos;
    }

    internal static string Describe(Value v) => v switch
    {
        StructMarker => "{...}",
        ListMarker => "[...]",
        Vertex { IsStruct: true } => "{...}",
        Vertex { IsList: true } => "[...]",
        _ => v.ToString() ?? "_",
    };

    private void MergeValue(NodeState s, Value val, Env env, Expr e, CloseInfo? ci)
    {
        switch (val)
        {
            case Bottom b:
                if (b.IsIncomplete)
                {
                    s.Pending.Add((env, e, ci));
                    s.Incomplete ??= b;
                    if (b.Code != ErrorCode.Cycle)
                    {
                        s.PendingCycleOnly = false;
                    }
                }
                else
                {
                    AddError(s, b);
                }

                return;
            case Vertex vx:
                CountNonCyclic(s, ci);
                if (vx.IsData || vx.Label == Labels.None)
                {
                    MergeData(s, vx, ci);
                }
                else
                {
                    InsertVertex(s, vx, ci, false);
                }

                return;
            default:
                CountNonCyclic(s, ci);
                MergeScalar(s, val, val is ValidatorValue { Start.IsValid: true } called ? called.Start : e.Pos);
                return;
        }
    }

    private static void AddError(NodeState s, Bottom b)
    {
        if (b.IsIncomplete)
        {
            s.Incomplete ??= b;
        }
        else
        {
            s.Error ??= b;
        }
    }

    private static void MergeScalar(NodeState s, Value val, Pos pos)
    {
        switch (val)
        {
            case TopValue:
                s.HasTop = true;
                return;
            case BuiltinValue bv when s.Scalar is null || ReferenceEquals(s.Scalar, bv):
                // A field may hold a function, to be called through it (`_upper: strings.ToUpper`); only
                // exporting it fails.
                s.Scalar = bv;
                s.ScalarPos = pos;
                return;
            case BuiltinValue { Fn: { Params.Length: 1, Result: Kind.Bool } } bv when s.Scalar is not BuiltinValue:
                // A one-argument predicate unified with a concrete value validates it (`"3s" & time.Duration`).
                AddPredicate(s, bv, pos);
                return;
            case BuiltinValue bv:
                s.Error ??= Bottom.Error($"cannot use builtin {bv.Fn.Name} as a value (call it)", pos);
                return;
            case PackageValue pv:
                s.Error ??= Bottom.Error($"cannot use package {pv.Name} as a value", pos);
                return;
            case ConstraintValue c:
                IntersectKind(s, c.Kind, c, pos);
                s.Bounds.AddRange(c.Bounds);
                foreach (var b in c.Bounds)
                {
                    NoteBoundPos(s, b, pos);
                }

                return;
            case BoundValue or ValidatorValue:
                IntersectKind(s, val.Kind, val, pos);
                s.Bounds.Add(val);
                NoteBoundPos(s, val, pos);
                return;
            case StructMarker:
                MarkStruct(s, pos);
                return;
            case ListMarker:
                MarkList(s, pos);
                return;
        }

        if (s.Scalar is BuiltinValue { Fn: { Params.Length: 1, Result: Kind.Bool } } predicate)
        {
            s.Scalar = null;
            AddPredicate(s, predicate, s.ScalarPos);
        }

        if (s.Scalar is not null)
        {
            if (!ScalarEquals(s.Scalar, val) || (s.Scalar.Kind & val.Kind) == Kind.None)
            {
                // v0.4 names the incoming value first for two scalars of the same kind.
                AddConflict(s, s.Scalar.Kind == val.Kind
                    ? Bottom.Conflict($"conflicting values {val} and {s.Scalar}", s.ScalarPos, pos)
                    : Bottom.Conflict($"conflicting values {s.Scalar} and {val} (mismatched types {KindNames.Name(s.Scalar.Kind)} and {KindNames.Name(val.Kind)})", s.ScalarPos, pos));
                return;
            }
        }

        IntersectKind(s, val.Kind, val, pos);

        // An equal scalar leaves the first one in place, as in v0.4: `1.5 & 1.50` is 1.5, `-0 & 0` is -0.
        if (s.Kind != Kind.None && s.Scalar is null)
        {
            s.Scalar = val;
            s.ScalarPos = pos;
        }
    }

    private static void AddPredicate(NodeState s, BuiltinValue predicate, Pos pos)
    {
        var validator = new ValidatorValue(predicate.Fn, []);
        IntersectKind(s, validator.Kind, validator, pos);
        s.Bounds.Add(validator);
        NoteBoundPos(s, validator, pos);
    }

    internal static bool ScalarEquals(Value a, Value b) => (a, b) switch
    {
        (NullValue, NullValue) => true,
        (BoolValue x, BoolValue y) => x.B == y.B,
        (NumValue x, NumValue y) => x.D == y.D,
        (StringValue x, StringValue y) => x.S == y.S,
        (BytesValue x, BytesValue y) => x.B.AsSpan().SequenceEqual(y.B),
        _ => false,
    };

    private void Fixpoint(NodeState s)
    {
        while (true)
        {
            var progress = false;
            for (var i = 0; i < s.DynFields.Count; i++)
            {
                var (env, f, ci, si) = s.DynFields[i];
                var lv = Deref(EvalValue(env, f.Label.Expr!));

                // A label that may still become a string (`(x)` with x: string) waits, as an incomplete value does.
                if (lv is Bottom { IsIncomplete: true })
                {
                    continue;
                }

                if (!lv.IsConcrete && lv is not Bottom && (lv.Kind & Kind.String) != 0)
                {
                    s.Incomplete ??= Bottom.Incomplete($"invalid non-ground value {lv} (must be concrete string)");
                    continue;
                }

                s.DynFields.RemoveAt(i--);
                progress = true;
                if (lv is not StringValue str)
                {
                    AddError(s, lv as Bottom ?? Bottom.Error($"invalid label type {KindNames.Name(lv.Kind)}: label must be a string", f.Label.Pos));
                    continue;
                }

                var label = Names.String(str.S);
                (si.Extra ??= []).Add(label);
                // v0.4 ignores the optional marker on dynamic fields.
                AddFieldConjunct(s.V, label, new Conjunct(env, f.Value, CloseInfo.ForChild(ci)), f.Attributes.Count > 0 ? f.Attributes : null, f.Pos);
            }

            if (!progress)
            {
                progress = RunComprehensions(s, true) || RunComprehensions(s, false);
            }

            var cycleOnly = true;
            if (!progress)
            {
                for (var i = 0; i < s.Pending.Count; i++)
                {
                    var (env, e, ci) = s.Pending[i];
                    var val = e is BinaryExpr { Op: BinOp.Add or BinOp.Mul } b ? Binary(env, b, s, ci, retry: true) : EvalValue(env, e);
                    if (val is null)
                    {
                        s.Pending.RemoveAt(i--);
                        progress = true;
                        continue;
                    }

                    if (val is Bottom { IsIncomplete: true } pb)
                    {
                        cycleOnly &= pb.Code == ErrorCode.Cycle;
                        continue;
                    }

                    s.Pending.RemoveAt(i--);
                    progress = true;
                    MergeValue(s, val, env, e, ci);
                }
            }

            if (!progress)
            {
                s.PendingCycleOnly = cycleOnly;
                return;
            }
        }
    }

    private bool RunComprehensions(NodeState s, bool ifs)
    {
        var progress = false;
        for (var i = 0; i < s.Comps.Count; i++)
        {
            var (env, c, ci, si) = s.Comps[i];
            if ((c.Clauses[0] is IfClause) != ifs)
            {
                continue;
            }

            var yields = new List<Env>();
            var err = Clauses(env, c, 0, yields);
            if (err is { IsIncomplete: true })
            {
                if (err.Code == ErrorCode.Cycle)
                {
                    // Left waiting on a cycle, the struct ends as that cycle error in v0.4.
                    s.Incomplete ??= err;
                }
                else
                {
                    s.CompWaiting = err;
                }

                continue;
            }

            s.Comps.RemoveAt(i--);
            progress = true;
            if (err is not null)
            {
                AddError(s, err);
                continue;
            }

            foreach (var y in yields)
            {
                var before = s.V.Arcs.Count;
                AddStruct(s, y, c.Body, ci);
                var added = s.V.Structs[^1];
                for (var k = before; k < s.V.Arcs.Count; k++)
                {
                    (si.Extra ??= []).Add(s.V.Arcs[k].Label);
                }

                foreach (var lbl in c.Body.FrontLabels)
                {
                    (si.Extra ??= []).Add(lbl);
                }

                added.Extra ??= [];
            }
        }

        return progress;
    }

    /// <summary>Runs comprehension clauses from <paramref name="i"/>, collecting the environment of each yield.</summary>
    private Bottom? Clauses(Env env, Comprehension c, int i, List<Env> yields)
    {
        if (i == c.Clauses.Count)
        {
            yields.Add(env);
            return null;
        }

        switch (c.Clauses[i])
        {
            case IfClause ic:
                {
                    var cond = Deref(EvalValue(env, ic.Cond));
                    if (cond is Bottom b)
                    {
                        return b;
                    }

                    if (cond is not BoolValue bv)
                    {
                        return cond.IsConcrete || cond is Vertex || (cond.Kind & Kind.Bool) == 0
                            ? Bottom.Error($"cannot use {Describe(cond)} (type {KindNames.Name(cond.Kind)}) as type bool", ic.Pos)
                            : Bottom.Incomplete($"incomplete if condition: {cond}", ic.Pos);
                    }

                    return bv.B ? Clauses(env, c, i + 1, yields) : null;
                }

            case LetClause lc:
                {
                    var holder = new Vertex(null, Labels.None) { Status = VertexStatus.Evaluated, BaseValue = StructMarker.Instance, Bindings = [] };
                    var tmp = new Vertex(env.Vertex, Labels.None);
                    tmp.Conjuncts.Add(new Conjunct(env, lc.Expr, null));
                    holder.Bindings[lc.Name.Label] = tmp;
                    return Clauses(new Env(env, holder), c, i + 1, yields);
                }

            case ForClause fc:
                {
                    var src = Deref(EvalValue(env, fc.Source));
                    if (src is Bottom b)
                    {
                        return b.At(fc.Pos);
                    }

                    if (src is Vertex { } busy && busy.State is { } busyState)
                    {
                        // Ranging over a value that is still being built: a reference cycle.
                        _cycleHit = Math.Min(_cycleHit, busyState.Depth);
                        return new Bottom(ErrorCode.Cycle, "cycle error", fc.Pos);
                    }

                    if (src is not Vertex sv || !(sv.IsStruct || sv.IsList))
                    {
                        // v0.4 names the source as written, at where it starts.
                        var text = SourceText(fc.Source);
                        if (src.IsConcrete || src is Vertex || (src.Kind & (Kind.Struct | Kind.List)) == 0)
                        {
                            return text is null
                                ? Bottom.Error($"cannot range over {Describe(src)} (found {KindNames.Name(src.Kind)}, want list or struct)", fc.Pos)
                                : Bottom.Error($"invalid operand {text} (found {KindNames.Name(src.Kind)}, want list or struct)", fc.Source.Start);
                        }

                        return text is null
                            ? Bottom.Incomplete($"cannot range over incomplete value {src}", fc.Pos)
                            : Bottom.Incomplete($"cannot range over {text} (incomplete type {KindNames.Name(src.Kind)})", fc.Source.Start);
                    }

                    if (sv.PendingError is { IsIncomplete: true } waiting)
                    {
                        // The source still waits on a comprehension of its own (`if b {c: 2}`), so its fields are
                        // not all known: v0.4 does not range over part of a struct, it waits (and retries once
                        // the source is complete, when the wait came from a field still being evaluated).
                        return waiting;
                    }

                    var arcs = sv.Arcs.ToList();
                    foreach (var arc in arcs)
                    {
                        if (!Labels.IsRegular(arc.Label))
                        {
                            continue;
                        }

                        if (arc.Status == VertexStatus.Unprocessed && _depth < EagerDepth)
                        {
                            // v0.4 evaluates each value before it yields it (Unify(a, Partial) in ForClause.yield).
                            Evaluate(arc);
                        }

                        var holder = new Vertex(null, Labels.None) { Status = VertexStatus.Evaluated, BaseValue = StructMarker.Instance, Bindings = [] };
                        if (fc.Key is not null)
                        {
                            Value key = Labels.TypeOf(arc.Label) == LabelType.Int
                                ? NumValue.Int(Labels.IndexOf(arc.Label))
                                : new StringValue(Names.Name(arc.Label));
                            holder.Bindings[fc.Key.Label] = DataVertex(fc.Key.Label, key);
                        }

                        holder.Bindings[fc.Value.Label] = arc;
                        var err = Clauses(new Env(env, holder), c, i + 1, yields);
                        if (err is not null)
                        {
                            return err;
                        }
                    }

                    return null;
                }

            default:
                return Bottom.Error("unknown clause", c.Pos);
        }
    }

    internal static Vertex DataVertex(int label, Value v) =>
        new(null, label) { IsData = true, Status = VertexStatus.Finalized, BaseValue = v };
}
