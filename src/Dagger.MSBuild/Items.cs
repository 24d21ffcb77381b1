using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Dagger.MSBuild;

/// <summary>
/// Makes output items whose name and metadata are taken literally: <see cref="TaskItem"/> takes MSBuild-escaped text,
/// so a value holding <c>%3B</c> or <c>;</c> would otherwise come back changed.
/// </summary>
internal static class Items
{
    /// <summary>An item named <paramref name="spec"/> with <paramref name="metadata"/>, both literal.</summary>
    public static ITaskItem Create(string spec, params (string Name, string Value)[] metadata)
    {
        var item = new TaskItem(Escape(spec));
        foreach (var (name, value) in metadata)
        {
            ((ITaskItem2)item).SetMetadataValueLiteral(name, value);
        }

        return item;
    }

    private static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '%' or '*' or '?' or '@' or '$' or '(' or ')' or ';' or '\'')
            {
                builder.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
