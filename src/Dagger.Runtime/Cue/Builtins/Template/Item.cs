namespace Dagger.Runtime.Cue.Builtins.Template;

/// <summary>One lexical item: its kind, its offset in the template text, its text and the line it starts on.</summary>
internal sealed record Item(ItemKind Kind, int Pos, string Val, int Line)
{
    /// <summary>The item as Go's parser names it in "unexpected ..." messages.</summary>
    public override string ToString() => Kind switch
    {
        ItemKind.Eof => "EOF",
        ItemKind.Error => Val,
        > ItemKind.Keyword => "<" + Val + ">",
        _ when Val.EnumerateRunes().Count() > 10 => GoQuote.Quote(string.Concat(Val.EnumerateRunes().Take(10))) + "...",
        _ => GoQuote.Quote(Val),
    };
}
