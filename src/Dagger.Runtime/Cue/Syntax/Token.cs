namespace Dagger.Runtime.Cue.Syntax;

/// <summary>A scanned token. For strings, <see cref="Text"/> is the raw source including quotes.</summary>
[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Auto)]
internal readonly record struct Token(Tok Kind, string Text, Pos Pos, int Offset);
