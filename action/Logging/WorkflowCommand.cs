using System.Globalization;
using System.Text;

namespace Dagger.Action.Logging;

/// <summary>
/// Workflow commands (<c>::name key=value,…::data</c>), escaped exactly as the runner unescapes them: in the data
/// <c>%</c>, CR and LF; in a property also <c>:</c> and <c>,</c>. <c>%</c> goes first, so that the runner's
/// reverse replacements give back the text as it was.
/// </summary>
internal static class WorkflowCommand
{
    /// <summary>Escapes a command's data.</summary>
    public static string EscapeData(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal)
            .Replace("\r", "%0D", StringComparison.Ordinal)
            .Replace("\n", "%0A", StringComparison.Ordinal);

    /// <summary>Escapes a property's value.</summary>
    public static string EscapeProperty(string value) =>
        EscapeData(value)
            .Replace(":", "%3A", StringComparison.Ordinal)
            .Replace(",", "%2C", StringComparison.Ordinal);

    /// <summary>A command line: its properties in the order given, those whose value is null left out.</summary>
    public static string Format(string name, string data, params (string Key, object? Value)[] properties)
    {
        var line = new StringBuilder("::").Append(name);
        var first = true;
        foreach (var (key, value) in properties)
        {
            if (value is null)
            {
                continue;
            }

            line.Append(first ? ' ' : ',').Append(key).Append('=')
                .Append(EscapeProperty(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));
            first = false;
        }

        return line.Append("::").Append(EscapeData(data)).ToString();
    }
}
