namespace Dagger.Runtime.Cue.Builtins.Template;

/// <summary>Plain text copied to the output.</summary>
internal sealed record TextNode(int Pos, string Text) : Node(Pos)
{
    public override string ToString() => Text;
}
