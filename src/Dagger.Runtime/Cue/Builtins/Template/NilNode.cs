namespace Dagger.Runtime.Cue.Builtins.Template;

/// <summary>The untyped constant <c>nil</c>.</summary>
internal sealed record NilNode(int Pos) : Node(Pos)
{
    public override string ToString() => "nil";
}
