using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Runs;

namespace Dagger.Runtime.Engine.Events;

/// <summary>
/// Hides secret values (<c>***</c>) in what the engine reports, so that no front end can print them.
/// </summary>
/// <remarks>
/// <para>A secret is hidden whatever its length, as it is and in the forms that carry it through logs unnoticed: as it
/// reads inside a JSON string (escaped as CUE's export, as System.Text.Json by default and with relaxed escaping, and
/// with only the escapes JSON requires), URL-encoded (upper- and lower-case hexadecimal, and with <c>+</c> for a
/// space), and in base64 (standard and URL-safe alphabets).</para>
/// <para>Base64 of a secret inside a longer encoded text (a <c>user:password</c> header) depends on where the secret
/// starts modulo 3 bytes, so each of the three alignments is hidden: the characters that only the secret's bytes
/// decide, as the GitHub runner's masker does. A fragment shorter than <see cref="MinimumEncoded"/> characters is too
/// common to hide, which only happens for secrets of one to three characters.</para>
/// <para>Logs arrive a line at a time, so every line of a multi-line secret is hidden on its own too, with its forms
/// (lines shorter than <see cref="MinimumLine"/> characters, such as a lone brace, are too common to hide).</para>
/// <para>Texts that are cut short (an op's description, a value quoted in a message) end with
/// <see cref="Ellipsis"/>, and a cut can leave the start of a secret, which is then not whole to be found: the end of
/// the text before each ellipsis that starts a secret or one of its forms is hidden too, from
/// <see cref="MinimumEncoded"/> characters (fewer for a shorter secret).</para>
/// </remarks>
public sealed partial class SecretRedactor
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "***";

    /// <summary>The shortest line of a multi-line secret that is hidden on its own.</summary>
    public const int MinimumLine = 3;

    /// <summary>What a text that was cut short ends with.</summary>
    public const char Ellipsis = '…';

    /// <summary>The shortest encoded form (a base64 fragment) that is hidden; the secret itself is hidden at any length.</summary>
    public const int MinimumEncoded = 4;

    private static readonly JsonSerializerOptions StrictJson = new() { Encoder = JavaScriptEncoder.Default };

    private static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

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
        all.Add(JsonSerializer.Serialize(value, StrictJson)[1..^1]);
        all.Add(JsonSerializer.Serialize(value, RelaxedJson)[1..^1]);
        all.Add(MinimalJson(value));

        var url = Uri.EscapeDataString(value);
        all.Add(url);
        all.Add(PercentHexLower().Replace(url, m => m.Value.ToLowerInvariant()));
        all.Add(url.Replace("%20", "+", StringComparison.Ordinal));

        foreach (var fragment in Base64Forms(Encoding.UTF8.GetBytes(value)))
        {
            if (fragment.Length >= MinimumEncoded)
            {
                all.Add(fragment);
                all.Add(fragment.Replace('+', '-').Replace('/', '_'));
            }
        }
    }

    // The secret's base64 when it starts a text (padded, as a whole value encodes), then for each of the three
    // alignments the characters made of the secret's bits alone: a character holds bits [6i, 6i+6) of the encoded
    // bytes, and the secret holds bits [8k, 8(k+n)) after k bytes of something else.
    private static IEnumerable<string> Base64Forms(byte[] bytes)
    {
        yield return Convert.ToBase64String(bytes);
        for (var k = 0; k < 3; k++)
        {
            var shifted = new byte[k + bytes.Length];
            bytes.CopyTo(shifted, k);
            var encoded = Convert.ToBase64String(shifted);
            var first = ((8 * k) + 5) / 6;
            var last = ((8 * (k + bytes.Length)) / 6) - 1;
            if (last >= first)
            {
                yield return encoded[first..(last + 1)];
            }
        }
    }

    // Only the escapes that JSON requires: a quote, a backslash and control characters; what hand-written JSON has.
    private static string MinimalJson(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => sb.Append("\\\""),
                '\\' => sb.Append("\\\\"),
                '\n' => sb.Append("\\n"),
                '\r' => sb.Append("\\r"),
                '\t' => sb.Append("\\t"),
                '\b' => sb.Append("\\b"),
                '\f' => sb.Append("\\f"),
                < ' ' => sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => sb.Append(c),
            };
        }

        return sb.ToString();
    }

    [GeneratedRegex("%[0-9A-F]{2}", RegexOptions.CultureInvariant)]
    private static partial Regex PercentHexLower();

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

        return values.Length > 0 && text.Contains(Ellipsis, StringComparison.Ordinal) ? RedactCuts(text) : text;
    }

    // Before each ellipsis, the longest end of the text that is the start of a secret (or of a form of one).
    private string RedactCuts(string text)
    {
        var hidden = new StringBuilder(text.Length);
        var from = 0;
        for (var cut = text.IndexOf(Ellipsis, StringComparison.Ordinal); cut >= 0; cut = text.IndexOf(Ellipsis, cut + 1))
        {
            var longest = 0;
            foreach (var value in values)
            {
                var shortest = Math.Max(Math.Min(MinimumEncoded, value.Length - 1), longest + 1);
                for (var n = Math.Min(value.Length - 1, cut - from); n >= shortest; n--)
                {
                    // The first and the last character first: most candidates fail there at once.
                    if (text[cut - n] == value[0] && text[cut - 1] == value[n - 1] && text.AsSpan(cut - n, n).SequenceEqual(value.AsSpan(0, n)))
                    {
                        longest = n;
                        break;
                    }
                }
            }

            hidden.Append(text, from, cut - longest - from);
            if (longest > 0)
            {
                hidden.Append(Mask);
            }

            hidden.Append(Ellipsis);
            from = cut + 1;
        }

        return hidden.Append(text, from, text.Length - from).ToString();
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
