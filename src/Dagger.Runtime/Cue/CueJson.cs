using System.Text;
using Dagger.Runtime.Cue.Export;

namespace Dagger.Runtime.Cue;

/// <summary>JSON text as <c>cue export</c> writes it (Go's encoding/json, HTML-safe).</summary>
public static class CueJson
{
    /// <summary>Appends <paramref name="text"/> as a quoted JSON string, escaped like <c>cue export</c> escapes it.</summary>
    public static void AppendString(StringBuilder sb, string text)
    {
        ArgumentNullException.ThrowIfNull(sb);
        ArgumentNullException.ThrowIfNull(text);
        JsonExporter.WriteString(sb, text);
    }

    /// <summary><paramref name="text"/> as a quoted JSON string, escaped like <c>cue export</c> escapes it.</summary>
    public static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2);
        AppendString(sb, text);
        return sb.ToString();
    }
}
