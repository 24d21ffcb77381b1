using Dagger.Runtime.Cue.Syntax;

namespace Dagger.Runtime.Cue;

/// <summary>Spans of parsed text, kept out of <see cref="SourceText"/> so that syntax knows nothing of the public API.</summary>
internal static class SourceSpans
{
    /// <summary>The point at <paramref name="pos"/>, with its column counted in characters.</summary>
    public static SourceSpan Point(SourceText text, Pos pos)
    {
        var column = text.CharColumn(pos);
        return new SourceSpan(text.Name, pos.Line, column, pos.Line, column);
    }

    /// <summary>From <paramref name="start"/> to the character offset <paramref name="end"/> (exclusive).</summary>
    public static SourceSpan Of(SourceText text, Pos start, int end)
    {
        var first = Point(text, start);
        var (line, column) = text.LineColumn(end);
        return line < first.Line || (line == first.Line && column < first.Column)
            ? first
            : first with { EndLine = line, EndColumn = column };
    }
}
