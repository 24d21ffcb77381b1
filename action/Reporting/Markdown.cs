using System.Text.RegularExpressions;

namespace Dagger.Action.Reporting;

/// <summary>
/// Markdown for text that comes from the plan or the tool: escaped so that it reads as written and cannot add
/// markup (links, HTML, table cells) to a report.
/// </summary>
internal static partial class Markdown
{
    /// <summary>Plain text, on one line, safe in a table cell.</summary>
    public static string Text(string text) => Cell(EscapeChars().Replace(OneLine(text), @"\$0").Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal));

    /// <summary>The text as a code span shows it, between its fences.</summary>
    public static string CodeText(string text) => Cell(OneLine(text));

    /// <summary>A code span on one line, safe in a table cell.</summary>
    public static string Code(string text)
    {
        var line = OneLine(text);
        if (line.Length == 0)
        {
            return "";
        }

        var fence = new string('`', LongestRun(line, '`') + 1);
        var pad = line.StartsWith('`') || line.EndsWith('`') ? " " : "";
        return Cell(fence + pad + line + pad + fence);
    }

    /// <summary>A fenced code block of the lines.</summary>
    public static IEnumerable<string> Block(IEnumerable<string> lines)
    {
        var list = lines.Select(l => l.Replace("\r", "", StringComparison.Ordinal)).ToList();
        var fence = new string('`', Math.Max(3, list.Select(l => LongestRun(l, '`')).DefaultIfEmpty(0).Max() + 1));
        yield return fence + "text";
        foreach (var line in list)
        {
            yield return line;
        }

        yield return fence;
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private static string OneLine(string text) => text.Replace("\r", "", StringComparison.Ordinal).Replace('\n', ' ');

    private static int LongestRun(string text, char c)
    {
        int longest = 0, run = 0;
        foreach (var ch in text)
        {
            run = ch == c ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }

    [GeneratedRegex(@"[\\`*_\[\]#!&~]")]
    private static partial Regex EscapeChars();
}
