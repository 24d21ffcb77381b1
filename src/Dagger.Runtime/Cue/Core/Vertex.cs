using Dagger.Runtime.Cue.Syntax;

namespace Dagger.Runtime.Cue.Core;

internal enum VertexStatus
{
    Unprocessed,
    Evaluating,
    Evaluated,
    Finalizing,
    Finalized,
}

/// <summary>A node of the value graph: a field, list element, or intermediate value.</summary>
internal sealed class Vertex : Value
{
    private static int s_nextHash;

    // Vertices are hashed by identity all the time (sets of seen vertices, maps to their names); a stored number
    // is cheaper than the runtime's identity hash, which has to be installed in the object header on first use.
    private readonly int _hash = Interlocked.Increment(ref s_nextHash);

    private Dictionary<int, Vertex>? _index;

    public Vertex(Vertex? parent, int label)
    {
        Parent = parent;
        Label = label;
        Origin = this;
    }

    public Vertex? Parent { get; set; }

    /// <summary>The scratch state while the evaluator unifies this vertex's conjuncts; null otherwise.</summary>
    public NodeState? State { get; set; }

    public int Label { get; }

    /// <summary>The vertex this one stands for (disjunct copies point at the original).</summary>
    public Vertex Origin { get; set; }

    public List<Conjunct> Conjuncts { get; } = [];

    public VertexStatus Status { get; set; }

    public Value? BaseValue { get; set; }

    public List<Vertex> Arcs { get; set; } = [];

    public List<StructInfo> Structs { get; set; } = [];

    public List<Pattern> Patterns { get; set; } = [];

    /// <summary>Closed because the label (or an ancestor's) is a definition.</summary>
    public bool ClosedByLabel { get; set; }

    /// <summary>Forced disjunct choices for a disjunct copy: (term index, mode) per queued disjunction.</summary>
    public List<int>? Choices { get; set; }

    /// <summary>
    /// For disjunct copies: per chosen term, its disjunction and whether the term was marked (<see cref="DefaultMode"/>
    /// of that disjunction alone), in the order the disjunctions were expanded.
    /// </summary>
    public List<(DisjunctionExpr Disj, DefaultMode Mode)>? Marks { get; set; }

    /// <summary>
    /// For disjunct copies that stopped after their forced choices: per pending disjunction, the index of the
    /// disjunction whose chosen term brought it in, or -1.
    /// </summary>
    public List<int>? DisjParents { get; set; }

    /// <summary>For disjunct copies: the default mode of the finished disjunct, folded over <see cref="Marks"/>.</summary>
    public DefaultMode Mode { get; set; }

    /// <summary>For disjunct copies that stopped after their forced choices: all disjunctions seen.</summary>
    public List<(Env Env, Syntax.DisjunctionExpr Expr, CloseInfo? Ci)>? PendingDisjs { get; set; }

    /// <summary>The value was computed while an ancestor was still being evaluated and must be recomputed
    /// on the next access; until then the stale result stays readable.</summary>
    public bool Stale { get; set; }

    /// <summary>For structs and lists: why they are not complete yet (unresolved comprehensions or expressions).</summary>
    public Bottom? PendingError { get; set; }

    /// <summary>A non-incomplete error somewhere below.</summary>
    public Bottom? ChildError { get; set; }

    /// <summary>Set for vertices built from data (builtin results): no conjuncts, evaluated already.</summary>
    public bool IsData { get; set; }

    /// <summary>Attributes of the fields that declared this vertex.</summary>
    public List<Syntax.Attribute>? Attributes { get; set; }

    public Pos Pos { get; set; }

    /// <summary>With tracking: the index of the parent's conjunct whose unification created this arc
    /// (<see cref="int.MaxValue"/> when created later, by a comprehension, or untracked).</summary>
    public int CreatedBy { get; set; } = int.MaxValue;

    /// <summary>With tracking: for each conjunct, the index of the parent's conjunct it came from, as for
    /// <see cref="CreatedBy"/>. A fill puts its conjunct where a whole evaluation of the filled root would.</summary>
    public List<int>? ConjunctSources { get; set; }

    /// <summary>For the scope holders of <c>for</c> and <c>let</c> clauses: the bound names.</summary>
    public Dictionary<int, Vertex>? Bindings { get; set; }

    public override Kind Kind => KindOfValue();

    public Kind KindOfValue() => BaseValue switch
    {
        null => Kind.Top,
        DisjunctionValue d => d.Kind,
        Vertex v => v.KindOfValue(),
        var b => b.Kind,
    };

    public override bool IsConcrete => BaseValue?.IsConcrete ?? false;

    public Vertex? Lookup(int label)
    {
        if (_index is not null)
        {
            return _index.GetValueOrDefault(label);
        }

        foreach (var a in Arcs)
        {
            if (a.Label == label)
            {
                return a;
            }
        }

        return null;
    }

    public Vertex GetOrAddArc(int label, out bool created)
    {
        var a = Lookup(label);
        created = a is null;
        if (a is null)
        {
            a = new Vertex(this, label) { ClosedByLabel = ClosedByLabel || Labels.IsDefinition(label) };
            AddArc(a);
        }

        return a;
    }

    public void AddArc(Vertex a)
    {
        Arcs.Add(a);
        if (_index is not null)
        {
            _index[a.Label] = a;
        }
        else if (Arcs.Count > 8)
        {
            _index = [];
            foreach (var x in Arcs)
            {
                _index[x.Label] = x;
            }
        }
    }

    public void ResetArcs()
    {
        Arcs = [];
        _index = null;
    }

    public bool IsList => BaseValue is ListMarker;

    /// <summary>The list elements: arcs with integer labels (a list may also carry definitions).</summary>
    public List<Vertex> Elems
    {
        get
        {
            foreach (var a in Arcs)
            {
                if (Labels.TypeOf(a.Label) != LabelType.Int)
                {
                    return Arcs.Where(x => Labels.TypeOf(x.Label) == LabelType.Int).ToList();
                }
            }

            return Arcs;
        }
    }

    public bool IsStruct => BaseValue is StructMarker;

    public string PathString()
    {
        var parts = new List<string>();
        for (var v = this; v?.Parent is not null; v = v.Parent)
        {
            if (v.Label == Labels.None)
            {
                continue;
            }

            parts.Add(Labels.TypeOf(v.Label) == LabelType.Int ? Labels.Name(v.Label) : QuoteLabel(Labels.Name(v.Label)));
        }

        parts.Reverse();
        return string.Join(".", parts);
    }

    private static string QuoteLabel(string s)
    {
        if (s.Length > 0 && (char.IsLetter(s[0]) || s[0] is '_' or '#' or '$') && s.Skip(1).All(c => char.IsLetterOrDigit(c) || c is '_' or '$' or '#'))
        {
            return s;
        }

        return CueText.Quote(s);
    }

    public override string ToString() => "vertex " + PathString();

    /// <inheritdoc/>
    public override int GetHashCode() => _hash;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => ReferenceEquals(this, obj);
}

internal enum DefaultMode
{
    Maybe,
    Default,
    NotDefault,
}
