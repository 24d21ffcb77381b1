namespace Dagger.Runtime.Cue;

/// <summary>
/// A range of a CUE source file: 1-based lines and columns, columns counted in characters (UTF-16 code units, as
/// editors count them), not in bytes as <see cref="Syntax.Pos"/> does. The end is exclusive; a point has its end equal
/// to its start.
/// </summary>
/// <param name="File">The file name, as the loader named it (relative to the loading directory).</param>
/// <param name="Line">The first line.</param>
/// <param name="Column">The first column.</param>
/// <param name="EndLine">The last line.</param>
/// <param name="EndColumn">The column just after the last character.</param>
public readonly record struct SourceSpan(string File, int Line, int Column, int EndLine, int EndColumn)
{
    /// <inheritdoc/>
    public override string ToString() => $"{File}:{Line}:{Column}";
}
