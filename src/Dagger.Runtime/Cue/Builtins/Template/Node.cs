namespace Dagger.Runtime.Cue.Builtins.Template;

/// <summary>
/// A node of a parsed template. <see cref="Pos"/> is the offset of its text in the template, from which error
/// messages compute line and column; <see cref="object.ToString"/> gives the text Go's messages quote.
/// </summary>
internal abstract record Node(int Pos);
