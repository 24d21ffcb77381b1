using System.Text;

namespace Dagger.Tool.UnitTests.Rendering;

/// <summary>
/// What a terminal would show after some output: a tiny ANSI interpreter that knows the sequences the tty view may
/// write (cursor up, clear to the end of the screen or line, colors) and fails on any other, so that tests assert
/// what a user sees rather than escape bytes. Rows above the screen's height are the scrollback.
/// </summary>
internal sealed class VirtualScreen
{
    private readonly List<StringBuilder> rows = [new()];
    private readonly int width;
    private readonly int height;
    private int row;
    private int column;

    public VirtualScreen(int width, int height, string output)
    {
        this.width = width;
        this.height = height;
        Write(output);
    }

    /// <summary>How many color sequences (SGR) the output had.</summary>
    public int ColorSequences { get; private set; }

    /// <summary>How many times a line was longer than the screen and wrapped.</summary>
    public int Wraps { get; private set; }

    /// <summary>The rows, scrollback included, without trailing spaces or empty rows at the end.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            var lines = rows.Select(r => r.ToString().TrimEnd()).ToList();
            while (lines.Count > 0 && lines[^1].Length == 0)
            {
                lines.RemoveAt(lines.Count - 1);
            }

            return lines;
        }
    }

    /// <summary>The rows as one text, a line each.</summary>
    public string Text => string.Join('\n', Lines);

    private void Write(string output)
    {
        for (var i = 0; i < output.Length; i++)
        {
            var c = output[i];
            switch (c)
            {
                case '\u001b':
                    i = Sequence(output, i);
                    break;
                case '\n':
                    // The terminal's line discipline makes it CR LF.
                    row++;
                    column = 0;
                    while (rows.Count <= row)
                    {
                        rows.Add(new StringBuilder());
                    }

                    break;
                case '\r':
                    column = 0;
                    break;
                default:
                    if (char.IsControl(c))
                    {
                        throw new InvalidOperationException($"control character U+{(int)c:X4} written to the terminal");
                    }

                    Put(c);
                    break;
            }
        }
    }

    private void Put(char c)
    {
        if (column >= width)
        {
            Wraps++;
            row++;
            column = 0;
            while (rows.Count <= row)
            {
                rows.Add(new StringBuilder());
            }
        }

        var line = rows[row];
        if (line.Length < column)
        {
            line.Append(' ', column - line.Length);
        }

        if (line.Length == column)
        {
            line.Append(c);
        }
        else
        {
            line[column] = c;
        }

        if (!char.IsLowSurrogate(c))
        {
            column++;
        }
    }

    // ESC [ digits and semicolons, then one letter; anything else is a broken sequence.
    private int Sequence(string output, int start)
    {
        if (start + 1 >= output.Length || output[start + 1] != '[')
        {
            throw new InvalidOperationException($"not a CSI sequence at {start}");
        }

        var i = start + 2;
        while (i < output.Length && (char.IsAsciiDigit(output[i]) || output[i] == ';'))
        {
            i++;
        }

        if (i >= output.Length || !char.IsAsciiLetter(output[i]))
        {
            throw new InvalidOperationException($"broken escape sequence at {start}: {output[start..Math.Min(output.Length, i + 1)].Replace("\u001b", "ESC", StringComparison.Ordinal)}");
        }

        var parameter = output[(start + 2)..i];
        switch (output[i])
        {
            case 'A':
                var up = parameter.Length == 0 ? 1 : int.Parse(parameter, System.Globalization.CultureInfo.InvariantCulture);
                if (row - up < Math.Max(0, rows.Count - height))
                {
                    throw new InvalidOperationException("the cursor cannot go up into the scrollback: the live region was taller than the screen");
                }

                row -= up;
                break;
            case 'J' when parameter is "" or "0":
                rows[row].Length = Math.Min(rows[row].Length, column);
                rows.RemoveRange(row + 1, rows.Count - row - 1);
                break;
            case 'K' when parameter is "" or "0":
                rows[row].Length = Math.Min(rows[row].Length, column);
                break;
            case 'm':
                ColorSequences++;
                break;
            default:
                throw new InvalidOperationException($"unexpected escape sequence ESC[{parameter}{output[i]}");
        }

        return i;
    }
}
