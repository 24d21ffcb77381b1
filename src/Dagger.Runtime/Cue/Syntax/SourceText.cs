namespace Dagger.Runtime.Cue.Syntax;

/// <summary>The text of a parsed file, to turn positions (byte columns) and node ends (character offsets) into spans.</summary>
internal sealed class SourceText(string name, string text)
{
    private int[]? _lineStarts;

    public string Name { get; } = name;

    public string Text { get; } = text;

    /// <summary>The point at <paramref name="pos"/>, with its column counted in characters.</summary>
    public SourceSpan Point(Pos pos)
    {
        var column = CharColumn(pos.Line, pos.Column);
        return new SourceSpan(Name, pos.Line, column, pos.Line, column);
    }

    /// <summary>From <paramref name="start"/> to the character offset <paramref name="end"/> (exclusive).</summary>
    public SourceSpan Span(Pos start, int end)
    {
        var first = Point(start);
        var (line, column) = LineColumn(Math.Clamp(end, 0, Text.Length));
        return line < first.Line || (line == first.Line && column < first.Column)
            ? first
            : first with { EndLine = line, EndColumn = column };
    }

    private (int Line, int Column) LineColumn(int offset)
    {
        var starts = LineStarts();
        var index = Array.BinarySearch(starts, offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return (index + 1, offset - starts[index] + 1);
    }

    // Positions count UTF-8 bytes, like the reference CUE; editors count characters.
    private int CharColumn(int line, int byteColumn)
    {
        var starts = LineStarts();
        if (line < 1 || line > starts.Length)
        {
            return byteColumn;
        }

        var offset = starts[line - 1];
        var bytes = 0;
        var chars = 0;
        while (bytes < byteColumn - 1 && offset + chars < Text.Length && Text[offset + chars] != '\n')
        {
            var c = Text[offset + chars];
            if (char.IsHighSurrogate(c) && offset + chars + 1 < Text.Length)
            {
                bytes += 4;
                chars += 2;
            }
            else
            {
                bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
                chars++;
            }
        }

        return chars + 1;
    }

    private int[] LineStarts()
    {
        if (_lineStarts is null)
        {
            var starts = new List<int> { 0 };
            for (var i = 0; i < Text.Length; i++)
            {
                if (Text[i] == '\n')
                {
                    starts.Add(i + 1);
                }
            }

            _lineStarts = [.. starts];
        }

        return _lineStarts;
    }
}
