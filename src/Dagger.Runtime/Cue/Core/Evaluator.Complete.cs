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

            foreach (var l in s.Lists)
            {
                if (l.Lit?.Ellipsis is { } t && !(t is Syntax.Ident { Name: "_" }))
                {
                    var cci = CloseInfo.ForChild(l.Ci);
                    for (var i = l.Count; i < max; i++)
                    {
                        var arc = v.Lookup(Labels.Int(i))!;
                        if (arc.Status >= VertexStatus.Evaluated)
                        {
                            ResetVertex(arc);
                        }

                        arc.Conjuncts.Add(new Conjunct(l.Env, t, cci));
                    }
                }
            }

            result = open ? ListMarker.Open : ListMarker.Closed;
        }
        else if (s.Scalar is not null)
        {
            foreach (var b in s.Bounds)
            {
                var err = CheckBound(b, s.Scalar);
                if (err is not null)
                {
                    v.BaseValue = err;
                    return;
                }
            }

            result = s.Scalar;
        }
        else if (s.IsStruct)
        {
            result = StructMarker.Instance;
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
        if (result is not Bottom && !cycleResolved && (s.Pending.Count > 0 || s.DynFields.Count > 0 || s.Comps.Count > 0))
        {
            result = s.Incomplete ?? Bottom.Incomplete("incomplete value");
        }

        v.BaseValue = result;
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

        // Drop duplicate bounds so printing stays tidy.
        var uniq = new List<Value>();
        foreach (var b in bounds)
        {
            if (!uniq.Any(u => u.ToString() == b.ToString()))
            {
                uniq.Add(b);
            }
        }

        return new ConstraintValue(kind, uniq);
    }

    private void ExpandDisjunction(NodeState s, int k)
    {
        var v = s.V;
        var (_, d, _) = s.Disjs[k];
        var results = new List<Vertex>();
        var errors = new List<Bottom>();
        for (var t = 0; t < d.Terms.Count; t++)
        {
            var w = new Vertex(v.Parent, v.Label)
            {
                Origin = v.Origin,
                ClosedByLabel = v.ClosedByLabel,
                Pos = v.Pos,
                Attributes = v.Attributes,
            };
            w.Conjuncts.AddRange(v.Conjuncts);
            w.Choices = [.. v.Choices ?? [], t];
            var mode = d.HasDefaults ? (d.Terms[t].Default ? DefaultMode.Default : DefaultMode.NotDefault) : DefaultMode.Maybe;
            w.ChoiceModes = [.. v.ChoiceModes ?? [], (k, mode)];
            Finalize(w);
            if (w.BaseValue is DisjunctionValue dv)
            {
                results.AddRange(dv.Values);
            }
            else if (w.BaseValue is Bottom { IsIncomplete: false } b)
            {
                errors.Add(b);
            }
            else if (w.ChildError is not null)
            {
                errors.Add(w.ChildError);
            }
            else
            {
                results.Add(w);
            }
        }

        if (results.Count == 0)
        {
            v.BaseValue = errors.Count == 1
                ? errors[0]
                : Bottom.Error($"{errors.Count} errors in empty disjunction:" + string.Concat(errors.Select(e => "\n" + (e.Path is null ? "" : e.Path + ": ") + e.Message)));
            return;
        }

        if (v.Choices is not null)
        {
            // A disjunct copy: hand all survivors to the top-level vertex, which applies the default rules.
            v.BaseValue = new DisjunctionValue(results, 0, false);
            return;
        }

        var ids = new HashSet<int>();
        var hasDefault = new HashSet<int>();
        foreach (var r in results)
        {
            foreach (var (id, m) in r.ChoiceModes!)
            {
                ids.Add(id);
                if (m == DefaultMode.Default)
                {
                    hasDefault.Add(id);
                }
            }
        }

        DefaultMode ModeOf(Vertex r)
        {
            var m = DefaultMode.Maybe;
            foreach (var (id, cm) in r.ChoiceModes!)
            {
                var eff = hasDefault.Contains(id) ? cm : DefaultMode.Maybe;
                if (eff > m)
                {
                    m = eff;
                }
            }

            return m;
        }

        var final = new List<(Vertex V, bool Def)>();
        foreach (var r in results)
        {
            var isDef = ModeOf(r) == DefaultMode.Default;
            var twin = final.FindIndex(f => VertexEquals(f.V, r));
            if (twin >= 0)
            {
                if (isDef)
                {
                    final[twin] = (final[twin].V, true);
                }

                continue;
            }

            final.Add((r, isDef));
        }

        if (final.Count == 1)
        {
            Adopt(v, final[0].V);
            return;
        }

        var ordered = final.Where(f => f.Def).Select(f => f.V).Concat(final.Where(f => !f.Def).Select(f => f.V)).ToList();
        v.BaseValue = new DisjunctionValue(ordered, final.Count(f => f.Def), hasDefault.Count > 0);
    }

    private static void Adopt(Vertex v, Vertex w)
    {
        v.BaseValue = w.BaseValue;
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

    /// <summary>Structural equality of two evaluated vertices (for merging equal disjuncts).</summary>
    internal bool VertexEquals(Vertex a, Vertex b)
    {
        var x = a.BaseValue;
        var y = b.BaseValue;
        if (x is DisjunctionValue || y is DisjunctionValue)
        {
            return ReferenceEquals(a, b);
        }

        if (x is StructMarker && y is StructMarker)
        {
            var ra = a.Arcs.Where(r => Labels.IsRegular(r.Label) || Labels.IsDefinition(r.Label)).ToList();
            var rb = b.Arcs.Where(r => Labels.IsRegular(r.Label) || Labels.IsDefinition(r.Label)).ToList();
            if (ra.Count != rb.Count)
            {
                return false;
            }

            foreach (var arc in ra)
            {
                var other = b.Lookup(arc.Label);
                if (other is null)
                {
                    return false;
                }

                Finalize(arc);
                Finalize(other);
                if (!VertexEquals(arc, other))
                {
                    return false;
                }
            }

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
                if (!VertexEquals(a.Arcs[i], b.Arcs[i]))
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
        if (v.Status >= VertexStatus.Finalizing)
        {
            return;
        }

        Evaluate(v);
        if (v.Status == VertexStatus.Unprocessed)
        {
            Evaluate(v);
        }

        if (v.Status >= VertexStatus.Finalizing || v.Status == VertexStatus.Evaluating)
        {
            return;
        }

        v.Status = VertexStatus.Finalizing;
        if (++_depth > MaxDepth)
        {
            _depth--;
            throw new EvalLimitException($"evaluation too deep at {v.PathString()} (structure nested more than {MaxDepth} levels)");
        }

        try
        {
            if (v.BaseValue is not (DisjunctionValue or Bottom { IsIncomplete: false }))
            {
                var isStruct = v.BaseValue is StructMarker || v.BaseValue is Bottom;
                for (var i = 0; i < v.Arcs.Count; i++)
                {
                    var arc = v.Arcs[i];
                    if (isStruct && Labels.IsString(arc.Label) && !Accept(v, arc.Label))
                    {
                        var err = Bottom.Error($"field not allowed", arc.Pos);
                        err.Path = arc.PathString();
                        arc.BaseValue = err;
                        arc.Status = VertexStatus.Finalized;
                        v.ChildError ??= err;
                        continue;
                    }

                    Finalize(arc);
                    if (arc.BaseValue is Bottom { IsIncomplete: false } b)
                    {
                        b.Path ??= arc.PathString();
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
        }

        v.Status = VertexStatus.Finalized;
    }

    /// <summary>Whether the closed structs of <paramref name="v"/> allow a regular field with this label.</summary>
    private bool Accept(Vertex v, int label)
    {
        if (v.ClosedByLabel && v.Structs.Count > 0 && !v.Structs.Any(si => Admits(si, label)))
        {
            return false;
        }

        List<CloseInfo>? closers = null;
        foreach (var si in v.Structs)
        {
            for (var c = si.Ci; c is not null; c = c.Parent)
            {
                if (c.Closing)
                {
                    closers ??= [];
                    if (!closers.Contains(c))
                    {
                        closers.Add(c);
                    }
                }
            }
        }

        if (closers is null)
        {
            return true;
        }

        foreach (var n in closers)
        {
            // A definition embedded in a literal joins that literal's group: when a closing node encloses the
            // embedding, that node's check covers it; otherwise the group is the embedding literal and
            // everything embedded in it.
            CloseInfo? embed = null;
            var enclosed = false;
            for (var c = n.Parent; c is not null; c = c.Parent)
            {
                if (c.Closing)
                {
                    enclosed = embed is not null;
                    break;
                }

                if (c.EmbedOwner is not null && embed is null)
                {
                    embed = c;
                }
            }

            if (enclosed)
            {
                continue;
            }

            var ok = false;
            foreach (var si in v.Structs)
            {
                var member = si.Ci is not null && (si.Ci.Contains(n) || (embed is not null && si.Ci.Contains(embed)));
                member |= embed is not null && ReferenceEquals(si, embed.EmbedOwner);
                if (member && Admits(si, label))
                {
                    ok = true;
                    break;
                }
            }

            if (!ok)
            {
                return false;
            }
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
    private static List<int> ExportOrder(Vertex v) => Export.ExportOrder.Compute(v);
}
