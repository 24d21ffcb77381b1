using System.Text;

namespace Dagger.MSBuild;

/// <summary>
/// Joins arguments into one command line that the started process splits back into exactly those arguments:
/// Windows' rules (CommandLineToArgvW), which .NET also applies to <c>ProcessStartInfo.Arguments</c> on Unix.
/// </summary>
internal static class CommandLine
{
    /// <summary>The arguments, each quoted where it needs to be, separated by spaces.</summary>
    public static string Join(IEnumerable<string> arguments)
    {
        var builder = new StringBuilder();
        foreach (var argument in arguments)
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            Append(builder, argument);
        }

        return builder.ToString();
    }

    private static void Append(StringBuilder builder, string argument)
    {
        if (argument.Length > 0 && argument.IndexOfAny([' ', '\t', '\n', '\v', '"']) < 0)
        {
            builder.Append(argument);
            return;
        }

        builder.Append('"');
        var backslashes = 0;
        foreach (var c in argument)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }

            // Backslashes are literal unless they precede a quote: then each is doubled, and the quote escaped.
            builder.Append('\\', c == '"' ? (backslashes * 2) + 1 : backslashes);
            builder.Append(c);
            backslashes = 0;
        }

        // Backslashes before the closing quote are doubled so that they do not escape it.
        builder.Append('\\', backslashes * 2);
        builder.Append('"');
    }
}
