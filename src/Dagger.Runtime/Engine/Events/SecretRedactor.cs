using System.Text;
using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Runs;

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

    // A secret is hidden as it is, as it reads inside a JSON string, and in the encodings that carry it through logs
    // unnoticed: base64 and URL encoding (as the GitHub runner's masker does).
    private static void Add(HashSet<string> all, string value)
    {
        all.Add(value);
        all.Add(JsonEscaped(value));
        all.Add(Convert.ToBase64String(Encoding.UTF8.GetBytes(value)));
        all.Add(Uri.EscapeDataString(value));
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

    /// <summary>The event with every secret hidden in its text.</summary>
    public RunEvent Redact(RunEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return values.Length == 0 ? e : e.Redact(this);
    }

    /// <summary>The error with every secret hidden in its message.</summary>
    public DaggerError Redact(DaggerError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return values.Length == 0 ? error : error with { Message = Redact(error.Message) };
    }

    /// <summary>The outcome with every secret hidden in its outputs, its error and its computed values.</summary>
    public RunOutcome Redact(RunOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (values.Length == 0)
        {
            return outcome;
        }

        return outcome with
        {
            Outputs = [.. outcome.Outputs.Select(o => o with { Json = o.Json is null ? null : Redact(o.Json), Cue = Redact(o.Cue), Description = o.Description is null ? null : Redact(o.Description) })],
            Error = outcome.Error is null ? null : Redact(outcome.Error),
            ComputedJson = outcome.ComputedJson is null ? null : Redact(outcome.ComputedJson),
        };
    }
}
