using Dagger.Runtime.Cue.Syntax;

namespace Dagger.Runtime.Cue.Core;

/// <summary>The fields of a <see cref="Vertex"/> that few vertices use.</summary>
internal sealed class VertexExtras
{
    public List<int>? Choices { get; set; }

    public List<(DisjunctionExpr Disj, DefaultMode Mode)>? Marks { get; set; }

    public List<int>? DisjParents { get; set; }

    public List<(Env Env, DisjunctionExpr Expr, CloseInfo? Ci)>? PendingDisjs { get; set; }

    public List<Syntax.Attribute>? Attributes { get; set; }

    public int CreatedBy { get; set; } = int.MaxValue;

    public List<int>? ConjunctSources { get; set; }

    public Dictionary<int, Vertex>? Bindings { get; set; }

    public List<ValidatorValue>? Validators { get; set; }

    public Bottom? PendingError { get; set; }

    public Bottom? ChildError { get; set; }

    /// <summary>Nothing is set: the vertex can do without.</summary>
    public bool IsEmpty =>
        Choices is null && Marks is null && DisjParents is null && PendingDisjs is null && Attributes is null &&
        CreatedBy == int.MaxValue && ConjunctSources is null && Bindings is null && Validators is null && PendingError is null &&
        ChildError is null;
}
