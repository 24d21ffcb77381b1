namespace Dagger.Runtime.Cue.Syntax;

/// <summary>A position in a CUE source file.</summary>
/// <param name="File">The file name as given to the loader.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column (in bytes of the line, like CUE).</param>
public readonly record struct Pos(string File, int Line, int Column)
{
    /// <summary>True when the position points somewhere.</summary>
    public bool IsValid => Line > 0;

    /// <inheritdoc/>
    public override string ToString() => IsValid ? $"{File}:{Line}:{Column}" : "-";
}
