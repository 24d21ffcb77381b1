namespace Dagger.Runtime.Cue.Builtins.Template;

/// <summary>An action that prints its pipeline's value, unless the pipeline declares variables.</summary>
internal sealed record ActionNode(int Pos, PipeNode Pipe) : Node(Pos)
{
    public override string ToString() => "{{" + Pipe + "}}";
}
