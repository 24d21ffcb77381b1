using Dagger.Runtime.Cue.Syntax;

namespace Dagger.Runtime.Cue.Core;

/// <summary>Scratch state of one vertex while its conjuncts are being unified.</summary>
/// <param name="v">The vertex.</param>
/// <param name="depth">The evaluation depth.</param>
/// <param name="collections">Collections of a finished state to reuse (see <see cref="Release"/>), or null.</param>
internal sealed class NodeState(Vertex v, int depth, NodeCollections? collections)
{
    private readonly NodeCollections _c = collections ?? new NodeCollections();

    public Vertex V { get; } = v;

    public int Depth { get; } = depth;

    public Kind Kind { get; set; } = Kind.Top;

    public Value? Scalar { get; set; }

    /// <summary>Where <see cref="Scalar"/> came from (for conflict messages, and kept by shared values).</summary>
    public Pos ScalarPos { get; set; }

    public List<Value> Bounds => _c.Bounds;

    public bool IsStruct { get; set; }

    public bool IsList { get; set; }

    public List<(Env? Env, ListLit? Lit, CloseInfo? Ci, int Count, bool Open)> Lists => _c.Lists;

    public Bottom? Error { get; set; }

    public Bottom? Incomplete { get; set; }

    public bool StructuralCycle { get; set; }

    /// <summary>A list comprehension could not run yet, so the list is incomplete.</summary>
    public bool ListIncomplete { get; set; }

    /// <summary>A reference was dropped because it was already followed on this path.</summary>
    public bool StructuralCycleRef { get; set; }

    public int NonCyclic { get; set; }

    public List<(Env Env, Expr Expr, CloseInfo? Ci)> Pending => _c.Pending;

    /// <summary>Every pending expression last failed because of a reference cycle.</summary>
    public bool PendingCycleOnly { get; set; } = true;

    public List<(Env Env, Field Field, CloseInfo? Ci, StructInfo Si)> DynFields => _c.DynFields;

    public List<(Env Env, Comprehension Comp, CloseInfo? Ci, StructInfo Si)> Comps => _c.Comps;

    public List<(Env Env, DisjunctionExpr Expr, CloseInfo? Ci)> Disjs { get; } = [];

    public HashSet<Vertex> Seen => _c.Seen;

    public Value? LastKindValue { get; set; }

    /// <summary>Where <see cref="LastKindValue"/> came from (for conflict messages).</summary>
    public Pos LastKindPos { get; set; }

    /// <summary>Where each bound or validator came from (for error messages); created on first use.</summary>
    public Dictionary<Value, Pos>? BoundPos { get; set; }

    /// <summary>The first conflict found in this node: later conflicts are attached to it, so all are reported.</summary>
    public Bottom? Conflict { get; set; }

    /// <summary>The index of the vertex's conjunct being unified in the first pass; <see cref="int.MaxValue"/>
    /// afterwards (comprehensions, pending expressions).</summary>
    public int Source { get; set; } = int.MaxValue;

    /// <summary>
    /// Empties this state's collections for the next state: a node's scratch collections never outlive its
    /// evaluation (<see cref="Disjs"/> does, so it is not shared).
    /// </summary>
    public NodeCollections Release()
    {
        _c.Clear();
        return _c;
    }
}

/// <summary>The reusable collections of a <see cref="NodeState"/>; one evaluation allocates them once per depth.</summary>
internal sealed class NodeCollections
{
    public List<Value> Bounds { get; } = [];

    public List<(Env? Env, ListLit? Lit, CloseInfo? Ci, int Count, bool Open)> Lists { get; } = [];

    public List<(Env Env, Expr Expr, CloseInfo? Ci)> Pending { get; } = [];

    public List<(Env Env, Field Field, CloseInfo? Ci, StructInfo Si)> DynFields { get; } = [];

    public List<(Env Env, Comprehension Comp, CloseInfo? Ci, StructInfo Si)> Comps { get; } = [];

    public HashSet<Vertex> Seen { get; } = [];

    public void Clear()
    {
        Bounds.Clear();
        Lists.Clear();
        Pending.Clear();
        DynFields.Clear();
        Comps.Clear();
        Seen.Clear();
    }
}

/// <summary>An expression that stands for an already built vertex (used by <c>or()</c> and friends).</summary>
internal sealed class VertexRefExpr : Expr
{
    public required Vertex Vertex { get; init; }
}
