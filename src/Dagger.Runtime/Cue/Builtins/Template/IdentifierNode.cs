namespace Dagger.Runtime.Cue.Builtins.Template;

/// <summary>The name of a function.</summary>
internal sealed record IdentifierNode(int Pos, string Name) : Node(Pos)
{
    public override string ToString() => Name;
}
