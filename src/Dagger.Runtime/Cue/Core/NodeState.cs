using Dagger.Runtime.Cue.Syntax;

namespace Dagger.Runtime.Cue.Core;

/// <summary>Scratch state of one vertex while its conjuncts are being unified.</summary>
/// <remarks>
/// A state lives only while its vertex is being evaluated; the evaluator then reuses it, collections included, for
/// the next vertex (<see cref="Reset"/>), so that evaluating a large tree does not allocate one per vertex.
/// </remarks>
internal sealed class NodeState
{
    private static readonly List<(Env Env, DisjunctionExpr Expr, CloseInfo? Ci)> NoDisjs = [];

    private readonly NodeCollections _c = new();
    private List<(Env Env, DisjunctionExpr Expr, CloseInfo? Ci)> _disjs = NoDisjs;

    /// <summary>Creates the state for <paramref name="v"/> at evaluation depth <paramref name="depth"/>.</summary>
    public NodeState(Vertex v, int depth) => Reset(v, depth);

    public Vertex V { get; private set; } = null!;

    public int Depth { get; private set; }

    public Kind Kind { get; set; }

    public Value? Scalar { get; set; }

    /// <summary>Where <see cref="Scalar"/> came from (for conflict messages, and kept by shared values).</summary>
    public Pos ScalarPos { get; set; }

    public List<Value> Bounds => _c.Bounds;

    public bool IsStruct { get; set; }

    public bool IsList { get; set; }

    /// <summary>A conjunct was top (<c>_</c>): a literal that only embeds stays top rather than a struct.</summary>
    public bool HasTop { get; set; }

    public List<(Env? Env, ListLit? Lit, CloseInfo? Ci, int Count, bool Open)> Lists => _c.Lists;

    public Bottom? Error { get; set; }

    public Bottom? Incomplete { get; set; }

    public bool StructuralCycle { get; set; }

    /// <summary>A list comprehension could not run yet, so the list is incomplete.</summary>
    public bool ListIncomplete { get; set; }

    /// <summary>Whether a comprehension of a list literal of this vertex is running: the list has only part of its
    /// elements.</summary>
    public bool FillingList { get; set; }

    /// <summary>Why a comprehension still waits (its last attempt's error): the struct's error if it never runs.</summary>
    public Bottom? CompWaiting { get; set; }

    /// <summary>A reference was dropped because it was already followed on this path.</summary>
    public bool StructuralCycleRef { get; set; }

    public int NonCyclic { get; set; }

    /// <summary>The term chosen for a disjunct copy is being added (self-embedding through a disjunction).</summary>
    public bool ChoosingTerm { get; set; }

    public List<(Env Env, Expr Expr, CloseInfo? Ci)> Pending => _c.Pending;

    /// <summary>Every pending expression last failed because of a reference cycle.</summary>
    public bool PendingCycleOnly { get; set; }

    public List<(Env Env, Field Field, CloseInfo? Ci, StructInfo Si)> DynFields => _c.DynFields;

    public List<(Env Env, Comprehension Comp, CloseInfo? Ci, StructInfo Si)> Comps => _c.Comps;

    /// <summary>The disjunctions met, in order; read-only to callers (see <see cref="AddDisj"/>). The list outlives
    /// the state when a disjunct copy keeps it, so it is never reused.</summary>
    public List<(Env Env, DisjunctionExpr Expr, CloseInfo? Ci)> Disjs => _disjs;

    /// <summary>The (vertex, close info) pairs whose conjuncts were inserted: the same vertex reached through
    /// another closedness context is inserted again, as that context may admit more fields (v0.4's arc map).</summary>
    public HashSet<(Vertex, CloseInfo?)> Seen => _c.Seen;

    /// <summary>The close info of every reference followed in this node (self-embedding in a disjunct).</summary>
    public HashSet<CloseInfo> References => _c.References;

    /// <summary>The vertices whose conjuncts are being inserted (a reference back to one of them is a cycle).</summary>
    public HashSet<Vertex> Inserting => _c.Inserting;

    public Value? LastKindValue { get; set; }

    /// <summary>Where <see cref="LastKindValue"/> came from (for conflict messages).</summary>
    public Pos LastKindPos { get; set; }

    /// <summary>Where each bound or validator came from (for error messages); created on first use.</summary>
    public Dictionary<Value, Pos>? BoundPos { get; set; }

    /// <summary>The first conflict found in this node: later conflicts are attached to it, so all are reported.</summary>
    public Bottom? Conflict { get; set; }

    /// <summary>The index of the vertex's conjunct being unified in the first pass; <see cref="int.MaxValue"/>
    /// afterwards (comprehensions, pending expressions).</summary>
    public int Source { get; set; }

    /// <summary>The index of the vertex's next conjunct that the first pass has not started.</summary>
    public int NextConjunct { get; set; }

    public void AddDisj(Env env, DisjunctionExpr d, CloseInfo? ci)
    {
        if (ReferenceEquals(_disjs, NoDisjs))
        {
            // Most vertices with a disjunction have just that one.
            _disjs = new(1);
        }

        _disjs.Add((env, d, ci));
    }

    /// <summary>Takes the scalar part of <paramref name="from"/>: what a disjunct of a plain scalar field starts from
    /// (see <c>Evaluator.TryExpandScalarDisjunction</c>).</summary>
    public void ForkScalar(NodeState from)
    {
        Kind = from.Kind;
        Scalar = from.Scalar;
        ScalarPos = from.ScalarPos;
        Bounds.AddRange(from.Bounds);
        BoundPos = from.BoundPos is null ? null : new(from.BoundPos);
        HasTop = from.HasTop;
        LastKindValue = from.LastKindValue;
        LastKindPos = from.LastKindPos;
        NonCyclic = from.NonCyclic;
        PendingCycleOnly = from.PendingCycleOnly;
    }

    /// <summary>Makes this state a fresh one for <paramref name="v"/>: every field back to its initial value.</summary>
    public void Reset(Vertex v, int depth)
    {
        System.Diagnostics.Debug.Assert(NoDisjs.Count == 0, "the shared empty list was mutated");
        _c.Clear();
        _disjs = NoDisjs;
        V = v;
        Depth = depth;
        Kind = Kind.Top;
        Scalar = null;
        ScalarPos = default;
        IsStruct = false;
        IsList = false;
        HasTop = false;
        Error = null;
        Incomplete = null;
        StructuralCycle = false;
        ListIncomplete = false;
        FillingList = false;
        CompWaiting = null;
        StructuralCycleRef = false;
        NonCyclic = 0;
        ChoosingTerm = false;
        PendingCycleOnly = true;
        LastKindValue = null;
        LastKindPos = default;
        BoundPos = null;
        Conflict = null;
        Source = int.MaxValue;
        NextConjunct = 0;
    }
}

/// <summary>The collections of a <see cref="NodeState"/>, cleared for its next vertex.</summary>
internal sealed class NodeCollections
{
    public List<Value> Bounds { get; } = [];

    public List<(Env? Env, ListLit? Lit, CloseInfo? Ci, int Count, bool Open)> Lists { get; } = [];

    public List<(Env Env, Expr Expr, CloseInfo? Ci)> Pending { get; } = [];

    public List<(Env Env, Field Field, CloseInfo? Ci, StructInfo Si)> DynFields { get; } = [];

    public List<(Env Env, Comprehension Comp, CloseInfo? Ci, StructInfo Si)> Comps { get; } = [];

    public HashSet<(Vertex, CloseInfo?)> Seen { get; } = [];

    public HashSet<Vertex> Inserting { get; } = [];

    public HashSet<CloseInfo> References { get; } = [];

    public void Clear()
    {
        Bounds.Clear();
        Lists.Clear();
        Pending.Clear();
        DynFields.Clear();
        Comps.Clear();
        Seen.Clear();
        Inserting.Clear();
        References.Clear();
    }
}

/// <summary>An expression that stands for an already built vertex (used by <c>or()</c> and friends).</summary>
internal sealed class VertexRefExpr : Expr
{
    public required Vertex Vertex { get; init; }

    /// <summary>How <c>cue eval</c> prints it where the value is not complete, if it has a name there.</summary>
    public string? Shown { get; init; }
}
