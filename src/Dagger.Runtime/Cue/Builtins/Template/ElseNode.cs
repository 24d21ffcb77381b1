namespace Dagger.Runtime.Cue.Builtins.Template;

/// <summary>An <c>{{else}}</c>, which only exists while parsing.</summary>
internal sealed record ElseNode(int Pos) : Node(Pos)
{
    public override string ToString() => "{{else}}";
}
