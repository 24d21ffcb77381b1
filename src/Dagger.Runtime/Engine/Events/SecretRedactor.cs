using System.Text;
using Dagger.Runtime.BuildKit;

namespace Dagger.Runtime.Engine.Events;

/// <summary>
/// Hides secret values (<c>***</c>) in what the engine reports, so that no front end can print them. Logs arrive a
/// line at a time, so every line of a multi-line secret is hidden on its own too (lines shorter than
/// <see cref="MinimumLine"/> characters, such as a lone brace, are too common to hide). A value is also hidden as it
/// reads inside a JSON string, for printed results.
/// </summary>
public sealed class SecretRedactor
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "***";

    /// <summary>The shortest line of a multi-line secret that is hidden on its own.</summary>
    public const int MinimumLine = 3;

    private readonly string[] values;

    /// <summary>Creates a redactor for the given plaintexts.</summary>
    public SecretRedactor(IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var all = new HashSet<string>(StringComparer.Ordinal);
        foreach (var secret in secrets)
        {
            if (secret.Length == 0)
            {
                continue;
            }

            Add(all, secret);
            if (secret.Contains('\n', StringComparison.Ordinal))
            {
                foreach (var line in secret.Split('\n'))
                {
                    var text = line.TrimEnd('\r');
                    if (text.Trim().Length >= MinimumLine)
                    {
                        Add(all, text);
                    }
                }
            }
        }

        // Longest first, so that a value containing another is hidden whole.
        values = [.. all.OrderByDescending(v => v.Length).ThenBy(v => v, StringComparer.Ordinal)];
    }

    private static void Add(HashSet<string> all, string value)
    {
        all.Add(value);
        all.Add(JsonEscaped(value));
    }

    // As the value reads between the quotes of a JSON string that CUE's export wrote.
    private static string JsonEscaped(string value) => Cue.CueJson.Quote(value)[1..^1];

    /// <summary>A redactor with nothing to hide.</summary>
    public static SecretRedactor None { get; } = new([]);

    /// <summary>The text with every secret replaced by <see cref="Mask"/>.</summary>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var value in values)
        {
            if (text.Contains(value, StringComparison.Ordinal))
            {
                text = text.Replace(value, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }

    /// <summary>The event with every secret hidden in its text: log lines and engine errors.</summary>
    public EngineEvent Redact(EngineEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (values.Length == 0)
        {
            return e;
        }

        switch (e)
        {
            case BuildProgress { Event: VertexLogEvent log } progress:
                {
                    var text = log.Text;
                    var hidden = Redact(text);
                    return ReferenceEquals(hidden, text) ? e : progress with { Event = log with { Data = Encoding.UTF8.GetBytes(hidden) } };
                }

            case BuildProgress { Event: VertexFailedEvent failed } progress:
                return progress with { Event = failed with { Error = Redact(failed.Error) } };
            default:
                return e;
        }
    }
}
