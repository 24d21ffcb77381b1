namespace Dagger.Runtime.Cue.Builtins.Template;

/// <summary>A pipeline: optional variable declarations (or an assignment) and commands joined by '|'.</summary>
internal sealed record PipeNode(int Pos, bool IsAssign, IReadOnlyList<VariableNode> Decl, IReadOnlyList<CommandNode> Cmds) : Node(Pos)
{
    public override string ToString()
    {
        var decl = Decl.Count > 0 ? string.Join(", ", Decl) + " := " : "";
        return decl + string.Join(" | ", Cmds);
    }
}
