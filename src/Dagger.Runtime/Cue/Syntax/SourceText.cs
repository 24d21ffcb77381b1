namespace Dagger.Runtime.Cue.Syntax;

/// <summary>The text of a parsed file, to turn positions (byte columns) and node ends (character offsets) into character lines and columns.</summary>
internal sealed class SourceText(string name, string text)
{
    private int[]? _lineStarts;

    public string Name { get; } = name;

    public string Text { get; } = text;

    /// <summary>The line and column (1-based, in characters) of a character offset, clamped to the text.</summary>
    public (int Line, int Column) LineColumn(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var starts = LineStarts();
        var index = Array.BinarySearch(starts, offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return (index + 1, offset - starts[index] + 1);
    }

    /// <summary>The column of <paramref name="pos"/> in characters: positions count UTF-8 bytes, like the reference
    /// CUE; editors count characters.</summary>
    public int CharColumn(Pos pos)
    {
        var (line, byteColumn) = (pos.Line, pos.Column);
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
