using Dagger.Runtime.Cue.Syntax;

namespace Dagger.Runtime.Cue.Core;

/// <summary>Scratch state of one vertex while its conjuncts are being unified.</summary>
internal sealed class NodeState(Vertex v, int depth)
{
    public Vertex V { get; } = v;

    public int Depth { get; } = depth;

    public Kind Kind { get; set; } = Kind.Top;

    public Value? Scalar { get; set; }

    /// <summary>Where <see cref="Scalar"/> came from (for conflict messages).</summary>
    public Pos ScalarPos { get; set; }

    public List<Value> Bounds { get; } = [];

    public bool IsStruct { get; set; }

    public bool IsList { get; set; }

    public List<(Env? Env, ListLit? Lit, CloseInfo? Ci, int Count, bool Open)> Lists { get; } = [];

    public Bottom? Error { get; set; }

    public Bottom? Incomplete { get; set; }

    public bool StructuralCycle { get; set; }

    /// <summary>A list comprehension could not run yet, so the list is incomplete.</summary>
    public bool ListIncomplete { get; set; }

    /// <summary>A reference was dropped because it was already followed on this path.</summary>
    public bool StructuralCycleRef { get; set; }

    public int NonCyclic { get; set; }

    public List<(Env Env, Expr Expr, CloseInfo? Ci)> Pending { get; } = [];

    /// <summary>Every pending expression last failed because of a reference cycle.</summary>
    public bool PendingCycleOnly { get; set; } = true;

    public List<(Env Env, Field Field, CloseInfo? Ci, StructInfo Si)> DynFields { get; } = [];

    public List<(Env Env, Comprehension Comp, CloseInfo? Ci, StructInfo Si)> Comps { get; } = [];

    public List<(Env Env, DisjunctionExpr Expr, CloseInfo? Ci)> Disjs { get; } = [];

    public HashSet<Vertex> Seen { get; } = [];

    public Value? LastKindValue { get; set; }

    /// <summary>Where <see cref="LastKindValue"/> came from (for conflict messages).</summary>
    public Pos LastKindPos { get; set; }

    /// <summary>Where each bound or validator came from (for error messages); created on first use.</summary>
    public Dictionary<Value, Pos>? BoundPos { get; set; }

    /// <summary>The first conflict found in this node: later conflicts are attached to it, so all are reported.</summary>
    public Bottom? Conflict { get; set; }
}

/// <summary>An expression that stands for an already built vertex (used by <c>or()</c> and friends).</summary>
internal sealed class VertexRefExpr : Expr
{
    public required Vertex Vertex { get; init; }
}
