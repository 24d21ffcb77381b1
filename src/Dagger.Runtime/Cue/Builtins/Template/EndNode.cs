namespace Dagger.Runtime.Cue.Builtins.Template;

/// <summary>An <c>{{end}}</c>, which only exists while parsing.</summary>
internal sealed record EndNode(int Pos) : Node(Pos)
{
    public override string ToString() => "{{end}}";
}
