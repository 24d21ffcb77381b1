using System.Collections.Immutable;
using Dagger.Runtime.Engine.Events;

namespace Dagger.Action.Logging;

/// <summary>
/// Hides the action's secrets (the token, the age key, the plan's secrets) in everything the action writes: logs,
/// outputs, the summary, check runs, annotations and error messages. Each secret is hidden as it is, line by line,
/// and in the forms that the engine's redactor hides too (<see cref="SecretForms"/>: JSON-escaped by any common
/// writer, the action's outputs included, URL-encoded, base64 at each alignment), since a value can reach text in any
/// of them.
/// </summary>
internal sealed class SecretMasker
{
    /// <summary>What a secret reads as.</summary>
    public const string Mask = "***";

    // Shorter values would hide ordinary words; the runner's own masker also has them registered.
    private const int MinimumLength = 3;

    private readonly ImmutableArray<string> forms;

    /// <summary>A masker of the given secrets.</summary>
    public SecretMasker(IEnumerable<string> secrets)
    {
        Secrets = [.. secrets.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.Ordinal)];
        var all = new HashSet<string>(StringComparer.Ordinal);
        foreach (var secret in Secrets)
        {
            foreach (var value in Pieces(secret))
            {
                all.Add(value);
                all.UnionWith(SecretForms.Of(value));
            }
        }

        // The reports escape text as Markdown (a code span, or plain text) after it is cut to length, and are
        // hidden a line at a time after that: each form is hidden as the report writes it too.
        foreach (var form in all.ToList())
        {
            all.Add(Reporting.Markdown.CodeText(form));
            all.Add(Reporting.Markdown.Text(form));
        }

        // Longest first, so that a secret is hidden whole before a piece of it.
        forms = [.. all.Where(f => f.Length >= MinimumLength).OrderByDescending(f => f.Length).ThenBy(f => f, StringComparer.Ordinal)];
    }

    /// <summary>A masker that hides nothing.</summary>
    public static SecretMasker None { get; } = new([]);

    /// <summary>The secrets, as given.</summary>
    public ImmutableArray<string> Secrets { get; }

    /// <summary>The values to register with the runner's own masker (<c>::add-mask::</c>): each secret and its lines.</summary>
    public IEnumerable<string> RunnerValues => Secrets.SelectMany(Pieces).Distinct(StringComparer.Ordinal).Where(v => v.Trim().Length > 0);

    /// <summary>The text with every secret hidden.</summary>
    public string Redact(string text)
    {
        if (forms.IsEmpty || text.Length == 0)
        {
            return text;
        }

        foreach (var form in forms)
        {
            if (text.Contains(form, StringComparison.Ordinal))
            {
                text = text.Replace(form, Mask, StringComparison.Ordinal);
            }
        }

        return SecretForms.HideCuts(text, forms, Mask);
    }

    // A multi-line secret reaches logs a line at a time, so each line is a secret of its own.
    private static IEnumerable<string> Pieces(string secret)
    {
        yield return secret;
        foreach (var line in secret.Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (trimmed.Length > 0 && trimmed != secret)
            {
                yield return trimmed;
            }
        }
    }
}
