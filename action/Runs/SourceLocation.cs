namespace Dagger.Action.Runs;

/// <summary>
/// A place in the repository, as GitHub annotations want it: the file relative to the repository's root with
/// <c>/</c>, lines from 1, and columns only when the place is on one line (GitHub ignores them otherwise).
/// </summary>
/// <param name="Path">The file, relative to the repository's root.</param>
/// <param name="Line">The first line.</param>
/// <param name="EndLine">The last line.</param>
/// <param name="Column">The first column, or null.</param>
/// <param name="EndColumn">The column after the last character, or null.</param>
internal sealed record SourceLocation(string Path, int Line, int EndLine, int? Column, int? EndColumn)
{
    /// <summary>The place as people read it: <c>ci/main.cue:9:3</c>.</summary>
    public override string ToString() => Column is { } column ? $"{Path}:{Line}:{column}" : $"{Path}:{Line}";
}
