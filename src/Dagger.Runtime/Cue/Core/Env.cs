using Dagger.Runtime.Cue.Syntax;

namespace Dagger.Runtime.Cue.Core;

/// <summary>One lexical scope level at run time: the vertex a literal was unified into, and the enclosing level.</summary>
internal sealed class Env(Env? up, Vertex vertex, int dynLabel = Labels.None)
{
    public Env? Up { get; } = up;

    public Vertex Vertex { get; } = vertex;

    public int DynLabel { get; } = dynLabel;

    /// <summary>Per-file data: imports and the package of hidden labels.</summary>
    public FileScope? File { get; init; }

    public Dictionary<LetDecl, Vertex>? Lets { get; set; }

    public FileScope? FindFile()
    {
        for (var e = this; e is not null; e = e.Up)
        {
            if (e.File is not null)
            {
                return e.File;
            }
        }

        return null;
    }
}

/// <summary>What identifiers in one file may refer to besides fields: its imports.</summary>
internal sealed class FileScope
{
    public Dictionary<string, Value> Imports { get; } = new(StringComparer.Ordinal);

    public string Package { get; init; } = "";
}

/// <summary>One node of the closedness tree carried by conjuncts (see CUE-NOTES §2).</summary>
internal sealed class CloseInfo
{
    public CloseInfo? Parent { get; init; }

    /// <summary>This node closes the structs that come through it (a definition reference or <c>close()</c>).</summary>
    public bool Closing { get; init; }

    /// <summary><c>close()</c> closes one level only.</summary>
    public bool OneLevel { get; init; }

    /// <summary>For embedding nodes: the literal that embeds.</summary>
    public StructInfo? EmbedOwner { get; init; }

    /// <summary>An embedding node: requirements of closed structs below it stop here (see Accept).</summary>
    public bool IsEmbed => EmbedOwner is not null;

    /// <summary>The node of a literal (not a file's) that embeds values: its own fields and its embeddings meet
    /// here, as in v0.4's closedness groups.</summary>
    public bool Group { get; init; }

    private int _inEmbedding;

    /// <summary>This node or one above it is an embedding: v0.4 then does not require it to be accepted on its
    /// own, only through the structs that pass it.</summary>
    public bool InEmbedding => Inherited(ref _inEmbedding, IsEmbed, static c => c.InEmbedding);

    /// <summary>For reference nodes: the vertex whose conjuncts were followed (structural cycle detection).</summary>
    public Vertex? RefArc { get; init; }

    /// <summary>Conjuncts through this node were reached by following a reference a second time (in a disjunct).</summary>
    public bool Cyclic { get; init; }

    private int _anyCyclic;

    /// <summary>This node or one above it is <see cref="Cyclic"/>.</summary>
    public bool AnyCyclic => Inherited(ref _anyCyclic, Cyclic, static c => c.AnyCyclic);

    // A flag that holds here when it holds for this node or its parent, found once (0: not yet, 1: true, 2: false).
    private bool Inherited(ref int cache, bool own, Func<CloseInfo, bool> ofParent)
    {
        if (cache == 0)
        {
            cache = own || (Parent is { } p && ofParent(p)) ? 1 : 2;
        }

        return cache == 1;
    }

    public static bool FollowedRef(CloseInfo? ci, Vertex arc)
    {
        for (var c = ci; c is not null; c = c.Parent)
        {
            if (ReferenceEquals(c.RefArc, arc))
            {
                return true;
            }
        }

        return false;
    }

    private CloseInfo? _child;
    private bool _childDone;

    public static CloseInfo? Spawn(CloseInfo? parent, bool oneLevel = false) => new() { Parent = parent, Closing = true, OneLevel = oneLevel };

    public static CloseInfo Embed(CloseInfo? parent, StructInfo owner) => new() { Parent = parent, EmbedOwner = owner };

    /// <summary>The close info that a field's value inherits: the whole chain, as in v0.4, except the one-level
    /// nodes of <c>close()</c>, which close the struct they are applied to and not its fields.</summary>
    public static CloseInfo? ForChild(CloseInfo? ci)
    {
        if (ci is null)
        {
            return null;
        }

        if (ci._childDone)
        {
            return ci._child;
        }

        var p = ForChild(ci.Parent);
        CloseInfo? r;
        if (ci.OneLevel)
        {
            r = p;
        }
        else
        {
            r = ReferenceEquals(p, ci.Parent)
                ? ci
                : new CloseInfo { Parent = p, Closing = ci.Closing, EmbedOwner = ci.EmbedOwner, Group = ci.Group, RefArc = ci.RefArc, Cyclic = ci.Cyclic };
        }

        ci._child = r;
        ci._childDone = true;
        return r;
    }

    public bool Contains(CloseInfo n)
    {
        for (var c = this; c is not null; c = c.Parent)
        {
            if (ReferenceEquals(c, n))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A struct literal that was unified into a vertex (export order and closedness use these).</summary>
internal sealed class StructInfo(StructLit? lit, Env? env, CloseInfo? ci)
{
    public StructLit? Lit { get; } = lit;

    public Env? Env { get; } = env;

    public CloseInfo? Ci { get; } = ci;

    /// <summary>Labels for the export front when there is no literal (data vertices).</summary>
    public int[]? DataLabels { get; init; }

    /// <summary>Labels added by dynamic fields or comprehensions of this literal.</summary>
    public List<int>? Extra { get; set; }

    public List<Pattern>? Patterns { get; set; }

    public bool Open { get; set; }

    public int[] Front => DataLabels ?? Lit?.FrontLabels ?? [];

    /// <summary>With tracking: the index of the vertex's conjunct that added this struct (see
    /// <see cref="Vertex.CreatedBy"/>).</summary>
    public int Source { get; set; } = int.MaxValue;
}

/// <summary>A pattern constraint <c>[filter]: value</c>, an optional field, or <c>...T</c>.</summary>
internal sealed class Pattern
{
    public required Env Env { get; init; }

    /// <summary>The filter expression; null for <c>...T</c> (matches all).</summary>
    public Expr? Filter { get; init; }

    /// <summary>For optional fields: the exact label.</summary>
    public int ExactLabel { get; init; } = Labels.None;

    /// <summary>For optional fields: the field's attributes, which a field that is not there yet still declares.</summary>
    public IReadOnlyList<Syntax.Attribute>? Attributes { get; init; }

    public required Expr Value { get; init; }

    public CloseInfo? Ci { get; init; }

    public Value? FilterValue { get; set; }

    /// <summary>For <c>...T</c>: the struct that declares it. T applies only to a field that struct neither declares
    /// nor matches with a pattern (v0.4's additional constraint).</summary>
    public StructInfo? Owner { get; init; }
}

/// <summary>An expression to unify into a vertex, with its scope and closedness.</summary>
internal readonly record struct Conjunct(Env? Env, Expr? Expr, CloseInfo? Ci, Vertex? Data = null);
