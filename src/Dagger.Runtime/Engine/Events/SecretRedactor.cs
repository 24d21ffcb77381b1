using System.Text;
using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Runs;

namespace Dagger.Runtime.Engine.Events;

/// <summary>
/// Hides secret values (<c>***</c>) in what the engine reports, so that no front end can print them.
/// </summary>
/// <remarks>
/// <para>A secret is hidden whatever its length, as it is, as CUE's export quotes it, and in the other forms that
/// carry it through logs unnoticed (<see cref="SecretForms"/>: JSON-escaped, URL-encoded, base64 at each of the three
/// alignments; a base64 fragment from <see cref="MinimumEncoded"/> characters, so only a secret of one to three
/// characters has fragments too short to hide).</para>
/// <para>Logs arrive a line at a time, so every line of a multi-line secret is hidden on its own too, with its forms
/// (lines shorter than <see cref="MinimumLine"/> characters, such as a lone brace, are too common to hide).</para>
/// <para>Texts that are cut short (an op's description, a value quoted in a message) end with
/// <see cref="Ellipsis"/>, and a cut can leave the start of a secret, which is then not whole to be found: the end of
/// the text before each ellipsis that starts a secret or one of its forms is hidden too, from
/// <see cref="MinimumEncoded"/> characters (fewer for a shorter secret).</para>
/// </remarks>
public sealed class SecretRedactor
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "***";

    /// <summary>The shortest line of a multi-line secret that is hidden on its own.</summary>
    public const int MinimumLine = 3;

    /// <summary>What a text that was cut short ends with.</summary>
    public const char Ellipsis = SecretForms.Ellipsis;

    /// <summary>The shortest encoded form (a base64 fragment) that is hidden; the secret itself is hidden at any length.</summary>
    public const int MinimumEncoded = SecretForms.MinimumEncoded;

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

            all.Add(secret);
            AddForms(all, secret);
            if (secret.Contains('\n', StringComparison.Ordinal))
            {
                foreach (var line in secret.Split('\n'))
                {
                    var text = line.TrimEnd('\r');
                    if (text.Trim().Length >= MinimumLine)
                    {
                        all.Add(text);
                        AddForms(all, text);
                    }
                }
            }
        }

        // Longest first, so that a value containing another is hidden whole.
        values = [.. all.OrderByDescending(v => v.Length).ThenBy(v => v, StringComparer.Ordinal)];
    }

    /// <summary>Every text that is hidden, longest first: each secret and its encoded forms.</summary>
    public IReadOnlyList<string> Values => values;

    /// <summary>The forms other than the plaintext under which <paramref name="value"/> is hidden.</summary>
    public static IReadOnlyList<string> EncodedForms(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var forms = new HashSet<string>(StringComparer.Ordinal);
        AddForms(forms, value);
        forms.Remove(value);
        return [.. forms.Order(StringComparer.Ordinal)];
    }

    private static void AddForms(HashSet<string> all, string value)
    {
        all.Add(Cue.CueJson.Quote(value)[1..^1]);
        all.UnionWith(SecretForms.Of(value));
    }

    /// <summary>A redactor with nothing to hide.</summary>
    public static SecretRedactor None { get; } = new([]);

    /// <summary>The text with every secret replaced by <see cref="Mask"/>, and the start of one where it was cut.</summary>
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

        return values.Length > 0 ? SecretForms.HideCuts(text, values, Mask) : text;
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
