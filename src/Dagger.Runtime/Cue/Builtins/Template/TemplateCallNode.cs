namespace Dagger.Runtime.Cue.Builtins.Template;

/// <summary>A <c>{{template "name" pipeline}}</c> action (also what <c>block</c> leaves in place).</summary>
internal sealed record TemplateCallNode(int Pos, string Name, PipeNode? Pipe) : Node(Pos)
{
    public override string ToString() =>
        Pipe is null ? $"{{{{template {GoQuote.Quote(Name)}}}}}" : $"{{{{template {GoQuote.Quote(Name)} {Pipe}}}}}";
}
