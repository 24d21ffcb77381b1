namespace Dagger.Runtime.Cue.Builtins.Template;

/// <summary>A field chain on dot, such as <c>.a.b</c>.</summary>
internal sealed record FieldNode(int Pos, IReadOnlyList<string> Ident) : Node(Pos)
{
    public override string ToString() => string.Concat(Ident.Select(i => "." + i));
}
