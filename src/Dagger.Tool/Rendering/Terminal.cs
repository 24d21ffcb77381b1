using System.Globalization;

namespace Dagger.Tool.Rendering;

/// <summary>What the tty view needs to know of the terminal that stderr is.</summary>
/// <param name="CanRedraw">Whether it understands cursor movement (not <c>TERM=dumb</c>, nor unset).</param>
/// <param name="Color">Whether to color text: <c>NO_COLOR</c> (any value but empty) turns colors off.</param>
/// <param name="Width">Its width in columns now; read at each redraw, since the window can be resized.</param>
/// <param name="Height">Its height in lines now: the live region must fit, or the cursor cannot go back up over it.</param>
internal sealed record Terminal(bool CanRedraw, bool Color, Func<int> Width, Func<int> Height)
{
    private const int DefaultWidth = 80;
    private const int DefaultHeight = 24;

    /// <summary>The process's stderr, or null when it is not a terminal (redirected to a file or a pipe).</summary>
    /// <param name="variable">Reads an environment variable: <c>TERM</c>, <c>NO_COLOR</c>, <c>COLUMNS</c>, <c>LINES</c>.</param>
    public static Terminal? OfStandardError(Func<string, string?> variable) => Console.IsErrorRedirected ? null : Of(variable);

    /// <summary>A terminal as the environment describes it: <c>TERM</c>, <c>NO_COLOR</c>, <c>COLUMNS</c>, <c>LINES</c>.</summary>
    public static Terminal Of(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var term = variable("TERM");
        return new Terminal(
            CanRedraw: term is { Length: > 0 } && term != "dumb",
            Color: variable("NO_COLOR") is not { Length: > 0 },
            Width: () => Size(() => Console.WindowWidth, variable("COLUMNS"), DefaultWidth),
            Height: () => Size(() => Console.WindowHeight, variable("LINES"), DefaultHeight));
    }

    // The console's size comes from the terminal of stdin or stdout; with both redirected (dagger up < x > y on a
    // terminal) it throws or reads 0, and the shell's COLUMNS/LINES are the next best guess.
    private static int Size(Func<int> console, string? variable, int fallback)
    {
        try
        {
            if (console() is > 0 and var size)
            {
                return size;
            }
        }
        catch (IOException)
        {
        }
        catch (PlatformNotSupportedException)
        {
        }

        return int.TryParse(variable, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0 ? parsed : fallback;
    }
}
