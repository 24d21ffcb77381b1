using Dagger.Runtime.Cue.Syntax;

namespace Dagger.Runtime.Cue.Core;

internal enum VertexStatus : byte
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
    // Most vertices are leaves: no arcs, struct literals or patterns. They share these empty lists, which are
    // never mutated (AddArc, AddStruct and AddPattern replace them first), instead of three lists each.
    private static readonly List<Vertex> NoArcs = [];
    private static readonly List<StructInfo> NoStructs = [];
    private static readonly List<Pattern> NoPatterns = [];

    private static int s_nextHash;

    // Arcs are found by a scan up to this many, then by an index: a schema's struct (a dagger component has about
    // fifteen fields) is scanned faster than hashed, and an index of its own for each was 3% of a large plan's heap.
    private const int IndexFrom = 16;

    // Vertices are hashed by identity all the time (sets of seen vertices, maps to their names); a stored number
    // is cheaper than the runtime's identity hash, which has to be installed in the object header on first use.
    private readonly int _hash = Interlocked.Increment(ref s_nextHash);

    private Dictionary<int, Vertex>? _index;
    private List<Vertex> _arcs = NoArcs;
    private List<StructInfo> _structs = NoStructs;
    private List<Pattern> _patterns = NoPatterns;

    // What only disjunct copies, scopes, fields with attributes and tracked evaluations need, kept apart so that
    // a plain vertex stays small (a 1000-component plan holds about 80,000 of them): errors are rare too.
    private VertexExtras? _extras;

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

    /// <summary>The conjuncts unified into this vertex, in order.</summary>
    public ConjunctList Conjuncts => new(this);

    // The storage behind Conjuncts.
    internal Conjunct[] ConjunctItems { get; set; } = [];

    internal int ConjunctCount { get; set; }

    public VertexStatus Status { get; set; }

    public Value? BaseValue { get; set; }

    /// <summary>For a scalar value: where it came from (conflicts with a shared value point there).</summary>
    public Pos ValuePos { get; set; }

    /// <summary>The arcs, in order; read-only to callers (see <see cref="AddArc"/>, <see cref="InsertArc"/>).</summary>
    public List<Vertex> Arcs => _arcs;

    /// <summary>The struct literals unified here; read-only to callers (see <see cref="AddStruct"/>). Setting it
    /// shares the given list.</summary>
    public List<StructInfo> Structs
    {
        get => _structs;
        set => _structs = value;
    }

    /// <summary>The patterns that apply to this vertex's arcs; read-only to callers (see <see cref="AddPattern"/>).
    /// Setting it shares the given list.</summary>
    public List<Pattern> Patterns
    {
        get => _patterns;
        set => _patterns = value;
    }

    /// <summary>Closed because the label (or an ancestor's) is a definition.</summary>
    public bool ClosedByLabel { get; set; }

    /// <summary>Validators of a list or struct (<c>list.MinItems(2)</c>): checked once its elements are final.</summary>
    public List<ValidatorValue>? Validators
    {
        get => _extras?.Validators;
        set => Extras(value)?.Validators = value;
    }

    /// <summary>Forced disjunct choices for a disjunct copy: (term index, mode) per queued disjunction.</summary>
    public List<int>? Choices
    {
        get => _extras?.Choices;
        set => Extras(value)?.Choices = value;
    }

    /// <summary>
    /// For disjunct copies: per chosen term, its disjunction and whether the term was marked (<see cref="DefaultMode"/>
    /// of that disjunction alone), in the order the disjunctions were expanded.
    /// </summary>
    public List<(DisjunctionExpr Disj, DefaultMode Mode)>? Marks
    {
        get => _extras?.Marks;
        set => Extras(value)?.Marks = value;
    }

    /// <summary>
    /// For disjunct copies that stopped after their forced choices: per pending disjunction, the index of the
    /// disjunction whose chosen term brought it in, or -1.
    /// </summary>
    public List<int>? DisjParents
    {
        get => _extras?.DisjParents;
        set => Extras(value)?.DisjParents = value;
    }

    /// <summary>For disjunct copies that stopped after their forced choices: all disjunctions seen.</summary>
    public List<(Env Env, Syntax.DisjunctionExpr Expr, CloseInfo? Ci)>? PendingDisjs
    {
        get => _extras?.PendingDisjs;
        set => Extras(value)?.PendingDisjs = value;
    }

    /// <summary>The value was computed while an ancestor was still being evaluated and must be recomputed
    /// on the next access; until then the stale result stays readable.</summary>
    public bool Stale { get; set; }

    /// <summary>For structs and lists: why they are not complete yet (unresolved comprehensions or expressions).</summary>
    public Bottom? PendingError
    {
        get => _extras?.PendingError;
        set => Extras(value)?.PendingError = value;
    }

    /// <summary>A non-incomplete error somewhere below.</summary>
    public Bottom? ChildError
    {
        get => _extras?.ChildError;
        set => Extras(value)?.ChildError = value;
    }

    /// <summary>Its evaluation expanded disjunctions, which v0.4 always runs to the end (see
    /// <c>Evaluator.Finalize</c>: such a field reached through a reference first escapes its parent's closedness
    /// check).</summary>
    public bool ExpandedDisjunction { get; set; }

    /// <summary>A reference reached this vertex (its conjuncts were inserted elsewhere); v0.4 evaluates the target
    /// of every reference, which matters for <see cref="ExpandedDisjunction"/>.</summary>
    public bool Referenced { get; set; }

    /// <summary>Set for vertices built from data (builtin results): no conjuncts, evaluated already.</summary>
    public bool IsData { get; set; }

    /// <summary>Attributes of the fields that declared this vertex.</summary>
    public List<Syntax.Attribute>? Attributes
    {
        get => _extras?.Attributes;
        set => Extras(value)?.Attributes = value;
    }

    public Pos Pos { get; set; }

    /// <summary>With tracking: the index of the parent's conjunct whose unification created this arc
    /// (<see cref="int.MaxValue"/> when created later, by a comprehension, or untracked).</summary>
    public int CreatedBy
    {
        get => _extras?.CreatedBy ?? int.MaxValue;
        set => Extras(value == int.MaxValue ? null : this)?.CreatedBy = value;
    }

    /// <summary>With tracking: for each conjunct, the index of the parent's conjunct it came from, as for
    /// <see cref="CreatedBy"/>. A fill puts its conjunct where a whole evaluation of the filled root would.</summary>
    public List<int>? ConjunctSources
    {
        get => _extras?.ConjunctSources;
        set => Extras(value)?.ConjunctSources = value;
    }

    /// <summary>For the scope holders of <c>for</c> and <c>let</c> clauses: the bound names.</summary>
    public Dictionary<int, Vertex>? Bindings
    {
        get => _extras?.Bindings;
        set => Extras(value)?.Bindings = value;
    }

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
        System.Diagnostics.Debug.Assert(NoArcs.Count == 0 && NoStructs.Count == 0 && NoPatterns.Count == 0, "a shared empty list was mutated");
        if (ReferenceEquals(_arcs, NoArcs))
        {
            _arcs = [];
        }

        _arcs.Add(a);
        if (_index is not null)
        {
            _index[a.Label] = a;
        }
        else if (_arcs.Count > IndexFrom)
        {
            _index = [];
            foreach (var x in _arcs)
            {
                _index[x.Label] = x;
            }
        }
    }

    public void ResetArcs()
    {
        _arcs = NoArcs;
        _index = null;
    }

    /// <summary>Takes an arc out of the order, to insert it again elsewhere (<see cref="InsertArc"/>).</summary>
    public void RemoveArc(Vertex a) => _arcs.Remove(a);

    /// <summary>Puts an arc taken out by <see cref="RemoveArc"/> back at <paramref name="index"/>.</summary>
    public void InsertArc(int index, Vertex a)
    {
        if (ReferenceEquals(_arcs, NoArcs))
        {
            _arcs = [];
        }

        _arcs.Insert(index, a);
    }

    /// <summary>Adds a struct literal at the end, or at <paramref name="index"/>.</summary>
    public void AddStruct(StructInfo si, int index = -1)
    {
        if (ReferenceEquals(_structs, NoStructs))
        {
            // Most vertices get one or two struct literals (the field's own and its definition's).
            _structs = new(2);
        }

        if (index < 0)
        {
            _structs.Add(si);
        }
        else
        {
            _structs.Insert(index, si);
        }
    }

    public void AddPattern(Pattern p)
    {
        if (ReferenceEquals(_patterns, NoPatterns))
        {
            // A struct rarely declares more than one pattern.
            _patterns = new(1);
        }

        _patterns.Add(p);
    }

    /// <summary>Forgets the struct literals and patterns (the vertex is evaluated again).</summary>
    public void ResetStructsAndPatterns()
    {
        _structs = NoStructs;
        _patterns = NoPatterns;
    }

    /// <summary>Lets the extras go once nothing is set in them.</summary>
    public void TrimExtras()
    {
        if (_extras is { } x && x.IsEmpty)
        {
            _extras = null;
        }
    }

    /// <summary>The extras, created when <paramref name="value"/> is set; null when it is not and there are none.</summary>
    private VertexExtras? Extras(object? value) => value is null ? _extras : _extras ??= new VertexExtras();

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

    /// <summary>The path from the root, as errors print it, with labels named by <paramref name="names"/>.</summary>
    public string PathString(LabelTable names)
    {
        var parts = new List<string>();
        for (var v = this; v?.Parent is not null; v = v.Parent)
        {
            if (v.Label == Labels.None)
            {
                continue;
            }

            parts.Add(Labels.TypeOf(v.Label) == LabelType.Int ? names.Name(v.Label) : QuoteLabel(names.Name(v.Label)));
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

    public override string ToString() => "vertex " + string.Join(".", Features());

    // Names need the context's label table, which a vertex does not know: debugging output shows the features.
    private List<int> Features()
    {
        var features = new List<int>();
        for (var v = this; v?.Parent is not null; v = v.Parent)
        {
            if (v.Label != Labels.None)
            {
                features.Add(v.Label);
            }
        }

        features.Reverse();
        return features;
    }

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
