namespace Dagger.Tool.Rendering;

/// <summary>The escape sequences the tty view writes: cursor movement to redraw, and colors unless they are off.</summary>
/// <param name="Color">Whether to color: false under <c>NO_COLOR</c>, when <see cref="Paint"/> leaves text as it is.</param>
internal sealed record Ansi(bool Color)
{
    /// <summary>Ends every color and style.</summary>
    public const string Reset = "\u001b[0m";

    /// <summary>Clears from the cursor to the end of the screen.</summary>
    public const string ClearToEnd = "\u001b[J";

    /// <summary>Green: a task that completed.</summary>
    public const string Green = "32";

    /// <summary>Red: a failure.</summary>
    public const string Red = "31";

    /// <summary>Yellow: a warning, a task skipped or cancelled.</summary>
    public const string Yellow = "33";

    /// <summary>Faint: what matters less (times, output lines).</summary>
    public const string Dim = "2";

    /// <summary>Bold: a task's path.</summary>
    public const string Bold = "1";

    /// <summary>Moves the cursor to the start of the line <paramref name="lines"/> lines up.</summary>
    public static string Up(int lines) => lines > 0 ? $"\r\u001b[{lines}A" : "\r";

    /// <summary>The text in a style (an SGR parameter such as <see cref="Green"/>), or as it is when colors are off.</summary>
    public string Paint(string text, string style) => Color && text.Length > 0 ? $"\u001b[{style}m{text}{Reset}" : text;
}
