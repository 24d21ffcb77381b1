namespace Dagger.Runtime.Cue.Builtins.Template;

/// <summary>A variable, possibly followed by fields: <c>$x.a.b</c> is the identifiers "$x", "a", "b".</summary>
internal sealed record VariableNode(int Pos, IReadOnlyList<string> Ident) : Node(Pos)
{
    public override string ToString() => string.Join(".", Ident);
}
