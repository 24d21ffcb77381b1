namespace Dagger.Cue.UnitTests.Differential;

/// <summary>
/// One field of a program being generated, with what the generator knows about its value: enough to reference it
/// correctly (shape, concreteness, lexical visibility) and to avoid reference cycles.
/// </summary>
internal sealed class GenNode(string label, GenLabelKind kind, GenShape shape, GenNode? parent)
{
    public string Label { get; } = label;

    public GenLabelKind Kind { get; } = kind;

    public GenShape Shape { get; } = shape;

    public GenNode? Parent { get; } = parent;

    /// <summary>Every field the value is known to have (declared here, inherited from a copy or a definition, added by
    /// a fragment); comprehension-made fields are not tracked.</summary>
    public List<GenNode> Children { get; } = [];

    /// <summary>Labels declared in this node's own struct literal: what a bare identifier inside it resolves to.</summary>
    public HashSet<string> Declared { get; } = new(StringComparer.Ordinal);

    /// <summary>Labels this literal must not declare because a reference inside it already relies on an outer one.</summary>
    public HashSet<string> Reserved { get; } = new(StringComparer.Ordinal);

    /// <summary>What the struct literal holds, in source order: <see cref="GenNode"/> fields and <see cref="GenItem"/> text.</summary>
    public List<object> Items { get; } = [];

    /// <summary>Nodes whose value this node's value is computed from (references, copies, comprehension sources).</summary>
    public List<GenNode> Deps { get; } = [];

    /// <summary>The value expression of a leaf, or the whole value of a struct that has no literal of its own.</summary>
    public string? Text { get; set; }

    /// <summary>Written before the struct literal, e.g. <c>#D &amp; </c>.</summary>
    public string? Prefix { get; set; }

    /// <summary>Not declared in the parent's literal (inherited, defaulted by a schema, or added by a fragment).</summary>
    public bool Virtual { get; set; }

    /// <summary>Part of a definition's schema: never referenced as a value.</summary>
    public bool InDefinition { get; set; }

    /// <summary>A disjunction of structs: nothing inside it is referenced.</summary>
    public bool Opaque { get; set; }

    /// <summary>The value is concrete once evaluated (defaults included), so referencing it cannot be incomplete.</summary>
    public bool Concrete { get; set; } = true;

    /// <summary>A closed struct (a definition or a value unified with one).</summary>
    public bool Closed { get; set; }

    /// <summary>A definition or schema struct ending in <c>...</c>.</summary>
    public bool Open { get; set; }

    /// <summary>Element shape of a list.</summary>
    public GenShape Elem { get; set; }

    /// <summary>Length of a list when it is a literal.</summary>
    public int? Length { get; set; }

    /// <summary>The int literal a leaf was given at planning time (so fragments can narrow or contradict it).</summary>
    public int? IntLiteral { get; set; }

    /// <summary>For schema fields: how the definition constrains them.</summary>
    public SchemaForm Form { get; set; }

    /// <summary>For <see cref="SchemaForm.Bound"/> fields: the inclusive range.</summary>
    public (int Lo, int Hi) Bounds { get; set; }

    /// <summary>For copies: the node this one was cloned from.</summary>
    public GenNode? CopyOf { get; set; }

    /// <summary>True when a deliberate error touches this node: nothing should reference it.</summary>
    public bool Poisoned { get; set; }

    public bool IsLeaf => Shape != GenShape.Struct;

    public IEnumerable<GenNode> Ancestors()
    {
        for (var n = Parent; n is not null; n = n.Parent)
        {
            yield return n;
        }
    }

    public IEnumerable<GenNode> SelfAndDescendants()
    {
        yield return this;
        foreach (var c in Children)
        {
            foreach (var d in c.SelfAndDescendants())
            {
                yield return d;
            }
        }
    }

    public override string ToString() => string.Join(".", Ancestors().Reverse().Skip(1).Select(a => a.Label).Append(Label));
}
