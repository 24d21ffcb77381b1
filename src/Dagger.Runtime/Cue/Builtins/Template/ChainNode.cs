namespace Dagger.Runtime.Cue.Builtins.Template;

/// <summary>Fields taken from a term that is not dot or a variable, such as <c>(index . 0).a</c>.</summary>
internal sealed record ChainNode(int Pos, Node Node, IReadOnlyList<string> Field) : Node(Pos)
{
    public override string ToString() =>
        (Node is PipeNode ? "(" + Node + ")" : Node.ToString()) + string.Concat(Field.Select(f => "." + f));
}
