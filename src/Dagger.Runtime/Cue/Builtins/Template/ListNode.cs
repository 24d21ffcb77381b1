namespace Dagger.Runtime.Cue.Builtins.Template;

/// <summary>A sequence of text and actions.</summary>
internal sealed record ListNode(int Pos, IReadOnlyList<Node> Nodes) : Node(Pos)
{
    public override string ToString() => string.Concat(Nodes);
}
