namespace Dagger.Runtime.Cue.Core;

/// <summary>How a vertex's evaluation used another vertex (see <see cref="Evaluator.Tracking"/>).</summary>
[Flags]
internal enum ReadKind : byte
{
    /// <summary>Its own value: kind, scalar, the set of its arcs (selection, a failed lookup, an operand).</summary>
    Value = 1,

    /// <summary>Its conjuncts, unified into the reader (a reference used as a value's conjunct).</summary>
    Conjuncts = 2,

    /// <summary>Its whole subtree (a builtin or an equality check that finalizes it).</summary>
    Deep = 4,
}

/// <summary>
/// Dependency tracking: while <see cref="Tracking"/> is on, every evaluation records which vertices it read through
/// reference resolution, so that a fill can invalidate exactly the vertices whose result may change.
/// </summary>
internal sealed partial class Evaluator
{
    private readonly List<Vertex> _readerStack = [];
    private readonly Dictionary<Vertex, Dictionary<Vertex, ReadKind>> _readersOf = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Vertex, Dictionary<Vertex, ReadKind>> _readsOf = new(ReferenceEqualityComparer.Instance);

    /// <summary>Record reads (costs memory and time; off for plain evaluation).</summary>
    public bool Tracking { get; set; }

    /// <summary>Vertices whose conjuncts were unified (each evaluation of a vertex counts once).</summary>
    public long VerticesEvaluated { get; private set; }

    /// <summary>Conjuncts unified into vertices under evaluation.</summary>
    public long ConjunctsAdded { get; private set; }

    /// <summary>What <paramref name="reader"/>'s own evaluation read, by vertex (empty when not tracked).</summary>
    public IReadOnlyDictionary<Vertex, ReadKind> ReadsOf(Vertex reader) =>
        _readsOf.TryGetValue(reader, out var r) ? r : EmptyReads;

    private static readonly Dictionary<Vertex, ReadKind> EmptyReads = [];

    private Vertex? _lastReader;
    private Vertex? _lastRead;
    private ReadKind _lastKind;

    private void NoteRead(Vertex t, ReadKind kind)
    {
        if (_readerStack.Count == 0 || t.IsData)
        {
            return;
        }

        var r = _readerStack[^1];
        if (ReferenceEquals(r, t) || (ReferenceEquals(r, _lastReader) && ReferenceEquals(t, _lastRead) && (kind & ~_lastKind) == 0))
        {
            return;
        }

        // Evaluation reads the same vertex many times in a row (operands, selectors): skip the maps then.
        _lastReader = r;
        _lastRead = t;
        _lastKind = kind;
        Add(_readersOf, t, r, kind);
        Add(_readsOf, r, t, kind);
    }

    /// <summary>
    /// Records the fields an expression refers to without evaluating anything: for operands that evaluation skipped
    /// because an earlier one was incomplete, so that dependencies are known before values are.
    /// </summary>
    private void NoteRefs(Env env, Syntax.Expr e)
    {
        switch (e)
        {
            case Syntax.ParenExpr p:
                NoteRefs(env, p.X);
                break;
            case Syntax.BinaryExpr b:
                NoteRefs(env, b.X);
                NoteRefs(env, b.Y);
                break;
            case Syntax.UnaryExpr u:
                NoteRefs(env, u.X);
                break;
            case Syntax.Interpolation ip:
                foreach (var part in ip.Parts.OfType<Syntax.Expr>())
                {
                    NoteRefs(env, part);
                }

                break;
            case Syntax.Ident or Syntax.SelectorExpr:
                if (StaticTarget(env, e) is { } t)
                {
                    NoteRead(t, ReadKind.Value);
                }

                break;
        }
    }

    private static Vertex? StaticTarget(Env env, Syntax.Expr e)
    {
        switch (e)
        {
            case Syntax.Ident { Kind: Syntax.RefKind.Field } id:
                {
                    var holder = Up(env, id.UpCount)?.Vertex;
                    return holder is { Status: >= VertexStatus.Evaluated } ? holder.Lookup(id.Label) : null;
                }

            case Syntax.SelectorExpr sel:
                {
                    var x = StaticTarget(env, sel.X);
                    return x is { Status: >= VertexStatus.Evaluated, BaseValue: StructMarker } ? x.Lookup(sel.Label) ?? x : x;
                }

            default:
                return null;
        }
    }

    private static void Add(Dictionary<Vertex, Dictionary<Vertex, ReadKind>> map, Vertex key, Vertex other, ReadKind kind)
    {
        if (!map.TryGetValue(key, out var set))
        {
            map[key] = set = new Dictionary<Vertex, ReadKind>(ReferenceEqualityComparer.Instance);
        }

        set[other] = set.GetValueOrDefault(other) | kind;
    }

    /// <summary>
    /// Unifies <paramref name="holder"/> (the fill's data conjunct for <paramref name="labels"/>) into <paramref name="root"/> in place, as if the
    /// root had one more conjunct <c>{l1: {l2: ... data}}</c>, and resets every vertex whose result may change:
    /// the filled vertex, the readers of anything reset (transitively), readers of whole subtrees that changed, and
    /// readers of conjunct lists that grew. Ancestors are only finalized again. Requires a tracked, finalized root.
    /// </summary>
    public void FillInPlace(Vertex root, IReadOnlyList<int> labels, Vertex holder)
    {
        var dirty = new Queue<Vertex>();
        var refinalize = new HashSet<Vertex>(ReferenceEqualityComparer.Instance);
        root.Conjuncts.Add(new Conjunct(null, null, null, holder));
        var v = root;
        var h = holder;
        var p = root.Conjuncts.Count - 1;
        foreach (var label in labels)
        {
            var arc = v.Lookup(label);
            if (v.Status < VertexStatus.Evaluated || v.BaseValue is not StructMarker || v.IsData || v.Choices is not null ||
                v.Stale || (arc is not null && (!ReferenceEquals(arc.Parent, v) || arc.ConjunctSources?.Count != arc.Conjuncts.Count || arc.CreatedBy > p)))
            {
                // Not a plain struct (a disjunction, a list, an error...), or the arc came later (a comprehension)
                // than the fill would create it: evaluate it again with the new conjunct.
                break;
            }

            ChangedConjuncts(v, dirty);
            refinalize.Add(v);
            ShiftSources(v, p);
            var child = h.Lookup(label)!;
            var si = new StructInfo(null, null, null) { DataLabels = [label], Source = p };
            v.AddStruct(si, FirstAfter(v.Structs.Select(x => x.Source), p));
            var conjunct = new Conjunct(null, null, null, child);
            int q;
            if (arc is null)
            {
                AddFieldConjunct(v, label, conjunct, child.Attributes);
                arc = v.Lookup(label)!;
                v.RemoveArc(arc);
                v.InsertArc(FirstAfter(v.Arcs.Select(x => x.CreatedBy), p), arc);
                arc.CreatedBy = p;
                arc.ConjunctSources = [.. arc.Conjuncts.Select(_ => p)];
                q = 0;
                Enqueue(dirty, v, ReadKind.Value);
            }
            else
            {
                q = FirstAfter(arc.ConjunctSources!, p);
                arc.Conjuncts.Insert(q, conjunct);
                arc.ConjunctSources!.Insert(q, p);
            }

            v = arc;
            h = child;
            p = q;
        }

        dirty.Enqueue(v);

        Invalidate(root, dirty, refinalize);
        foreach (var a in refinalize)
        {
            if (a.Status == VertexStatus.Finalized)
            {
                a.Status = VertexStatus.Evaluated;
                a.ChildError = null;
            }
        }

        Finalize(root);
    }

    /// <summary>Conjunct <paramref name="p"/> was inserted into <paramref name="v"/>: later ones moved up by one.</summary>
    private static void ShiftSources(Vertex v, int p)
    {
        static int Shift(int x, int p) => x >= p && x != int.MaxValue ? x + 1 : x;
        foreach (var si in v.Structs)
        {
            si.Source = Shift(si.Source, p);
        }

        foreach (var a in v.Arcs)
        {
            a.CreatedBy = Shift(a.CreatedBy, p);
            if (a.ConjunctSources is { } cs)
            {
                for (var i = 0; i < cs.Count; i++)
                {
                    cs[i] = Shift(cs[i], p);
                }
            }
        }
    }

    private static int FirstAfter(IEnumerable<int> sources, int p)
    {
        var i = 0;
        foreach (var x in sources)
        {
            if (x > p)
            {
                return i;
            }

            i++;
        }

        return i;
    }

    private void AppendConjunct(Vertex arc, Conjunct c)
    {
        arc.Conjuncts.Add(c);
        if (Tracking)
        {
            (arc.ConjunctSources ??= []).Add(SourceOf(arc.Parent));
        }
    }

    private static int SourceOf(Vertex? parent) =>
        parent?.State is { } st ? st.Source : int.MaxValue;

    private void ChangedConjuncts(Vertex v, Queue<Vertex> dirty) => Enqueue(dirty, v, ReadKind.Conjuncts | ReadKind.Deep);

    private void Enqueue(Queue<Vertex> dirty, Vertex t, ReadKind kinds)
    {
        if (_readersOf.TryGetValue(t, out var readers))
        {
            foreach (var (r, k) in readers)
            {
                if ((k & kinds) != 0)
                {
                    dirty.Enqueue(r);
                }
            }
        }
    }

    private void Invalidate(Vertex root, Queue<Vertex> dirty, HashSet<Vertex> refinalize)
    {
        var done = new HashSet<Vertex>(ReferenceEqualityComparer.Instance);
        while (dirty.Count > 0)
        {
            var x = Escalate(dirty.Dequeue());
            if (!done.Add(x))
            {
                continue;
            }

            var attached = IsAttached(x, root);
            if (attached && HasAncestorIn(x, done))
            {
                // Already thrown away with an ancestor that is evaluated again.
                continue;
            }

            var subtree = new List<Vertex>();
            Subtree(x, subtree);
            foreach (var y in subtree)
            {
                Enqueue(dirty, y, ReadKind.Value | ReadKind.Conjuncts | ReadKind.Deep);
                _readersOf.Remove(y);
                Forget(y);
            }

            x.Stale = false;
            ResetVertex(x);
            if (!attached)
            {
                continue;
            }

            for (var a = Canon(x.Parent); a is not null; a = Canon(a.Parent))
            {
                Enqueue(dirty, a, ReadKind.Deep);
                refinalize.Add(a);
                if (ReferenceEquals(a, root))
                {
                    break;
                }
            }
        }
    }

    /// <summary>Drops what a vertex read: it is evaluated again (and records again) or thrown away.</summary>
    private void Forget(Vertex reader)
    {
        _lastReader = null;
        if (_readsOf.Remove(reader, out var reads))
        {
            foreach (var t in reads.Keys)
            {
                if (_readersOf.TryGetValue(t, out var readers))
                {
                    readers.Remove(reader);
                }
            }
        }
    }

    /// <summary>A vertex inside a disjunct copy stands for the vertex that owns the disjunction.</summary>
    private static Vertex Escalate(Vertex x)
    {
        while (true)
        {
            Vertex? top = null;
            for (var c = x; c is not null; c = c.Parent)
            {
                if (c.Choices is not null)
                {
                    top = c;
                }
            }

            if (top is null)
            {
                return x;
            }

            x = top.Origin;
        }
    }

    internal static Vertex? Canon(Vertex? v) => v is { Choices: not null } ? v.Origin : v;

    private static bool IsAttached(Vertex x, Vertex root)
    {
        for (var c = x; !ReferenceEquals(c, root);)
        {
            var p = Canon(c.Parent);
            if (p is null || !ReferenceEquals(p.Lookup(c.Label), c))
            {
                return false;
            }

            c = p;
        }

        return true;
    }

    private static bool HasAncestorIn(Vertex x, HashSet<Vertex> set)
    {
        for (var a = Canon(x.Parent); a is not null; a = Canon(a.Parent))
        {
            if (set.Contains(a))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The vertex and everything evaluation hung below it: arcs, and the disjuncts of a disjunction.</summary>
    internal static void Subtree(Vertex v, List<Vertex> into)
    {
        into.Add(v);
        foreach (var a in v.Arcs)
        {
            if (ReferenceEquals(Canon(a.Parent), v) || ReferenceEquals(a.Parent, v))
            {
                Subtree(a, into);
            }
            else
            {
                into.Add(a);
            }
        }

        if (v.BaseValue is DisjunctionValue d)
        {
            foreach (var w in d.Values)
            {
                if (!ReferenceEquals(w, v))
                {
                    Subtree(w, into);
                }
            }
        }
    }
}
