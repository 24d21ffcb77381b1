using System.Globalization;
using System.Text;

namespace Dagger.MSBuild;

/// <summary>
/// Carries text through MSBuild unchanged: in global properties, item metadata and lines of <c>WriteLinesToFile</c>.
/// MSBuild gives <c>% $ @ ' ; ? *</c> a meaning, and on Unix it turns backslashes into slashes in item names and in
/// task parameters that look like paths. Those characters (and <c>~</c>, the escape) are written <c>~XX</c> (hex).
/// </summary>
internal static class MSBuildText
{
    private const string Special = "%$@';?*\\~";

    /// <summary>The text with MSBuild's special characters written <c>~XX</c>.</summary>
    public static string Encode(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (Special.IndexOf(c) >= 0)
            {
                builder.Append('~').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary><see cref="Encode"/>'s text back; null when an escape is malformed.</summary>
    public static string? Decode(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '~')
            {
                builder.Append(text[i]);
                continue;
            }

            if (i + 2 >= text.Length || !int.TryParse(text.Substring(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                return null;
            }

            builder.Append((char)code);
            i += 2;
        }

        return builder.ToString();
    }
}
