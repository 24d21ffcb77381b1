namespace Dagger.Runtime.Cue.Builtins.Template;

/// <summary>A string constant: its literal as written (messages quote it) and its value.</summary>
internal sealed record StringNode(int Pos, string Quoted, string Text) : Node(Pos)
{
    public override string ToString() => Quoted;
}
