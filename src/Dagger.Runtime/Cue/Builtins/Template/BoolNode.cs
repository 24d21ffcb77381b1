namespace Dagger.Runtime.Cue.Builtins.Template;

/// <summary>A boolean constant.</summary>
internal sealed record BoolNode(int Pos, bool Value) : Node(Pos)
{
    public override string ToString() => Value ? "true" : "false";
}
