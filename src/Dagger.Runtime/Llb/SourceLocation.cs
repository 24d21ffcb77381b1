namespace Dagger.Runtime.Llb;

/// <summary>A range of a <see cref="SourceFile"/> (1-based lines and columns) that produced an op.</summary>
/// <param name="File">The file.</param>
/// <param name="Line">First line.</param>
/// <param name="Column">First column.</param>
/// <param name="EndLine">Last line; 0 for the same as <paramref name="Line"/>.</param>
/// <param name="EndColumn">Column after the end; 0 for the same as <paramref name="Column"/>.</param>
public sealed record SourceLocation(SourceFile File, int Line, int Column, int EndLine = 0, int EndColumn = 0);
