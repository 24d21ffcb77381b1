namespace Dagger.Runtime.Cue.Builtins.Template;

/// <summary>The cursor, <c>.</c>.</summary>
internal sealed record DotNode(int Pos) : Node(Pos)
{
    public override string ToString() => ".";
}
