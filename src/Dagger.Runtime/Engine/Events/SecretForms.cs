using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Dagger.Runtime.Engine.Events;

/// <summary>
/// The forms other than itself in which a secret reaches text unnoticed, for the engine's redactor and the GitHub
/// Action's masker alike (the action compiles this file too, so it depends on nothing but the base library): as it
/// reads inside a JSON string (escaped as System.Text.Json does by default and with relaxed escaping, as Go's
/// encoding/json does, and with only the escapes JSON requires), URL-encoded (upper- and lower-case hexadecimal, and
/// with <c>+</c> for a space), and in base64 (standard and URL-safe alphabets), at each of the three alignments.
/// </summary>
/// <remarks>
/// Base64 of a secret inside a longer encoded text (a <c>user:password</c> header) depends on where the secret starts
/// modulo 3 bytes: for each alignment, the form is the characters that only the secret's bytes decide, as the GitHub
/// runner's masker does. A fragment shorter than <see cref="MinimumEncoded"/> characters is too common to hide, which
/// only happens for secrets of one to three characters.
/// </remarks>
internal static partial class SecretForms
{
    /// <summary>The shortest base64 fragment that is a form.</summary>
    public const int MinimumEncoded = 4;

    /// <summary>What a text that was cut short ends with.</summary>
    public const char Ellipsis = '…';

    /// <summary>The forms of <paramref name="value"/>, itself included when an encoding leaves it as it is.</summary>
    public static IEnumerable<string> Of(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var forms = new HashSet<string>(StringComparer.Ordinal)
        {
            JsonEncodedText.Encode(value, JavaScriptEncoder.Default).ToString(),
            JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString(),
            MinimalJson(value, htmlSafe: false),
            MinimalJson(value, htmlSafe: true),
        };

        var url = Uri.EscapeDataString(value);
        forms.Add(url);
        forms.Add(PercentHex().Replace(url, m => m.Value.ToLowerInvariant()));
        forms.Add(url.Replace("%20", "+", StringComparison.Ordinal));

        foreach (var fragment in Base64(Encoding.UTF8.GetBytes(value)))
        {
            if (fragment.Length >= MinimumEncoded)
            {
                forms.Add(fragment);
                forms.Add(fragment.Replace('+', '-').Replace('/', '_'));
            }
        }

        return forms;
    }

    /// <summary>
    /// The text with the start of a secret hidden where it was cut: a cut (marked with <see cref="Ellipsis"/>) can
    /// leave the start of a secret, which is then not whole to be found. Before each ellipsis, the longest end of the
    /// text that starts one of <paramref name="values"/> is replaced by <paramref name="mask"/>, from
    /// <see cref="MinimumEncoded"/> characters (fewer for a shorter value: all but its last).
    /// </summary>
    public static string HideCuts(string text, IReadOnlyList<string> values, string mask)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(values);
        if (!text.Contains(Ellipsis, StringComparison.Ordinal))
        {
            return text;
        }

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
                hidden.Append(mask);
            }

            hidden.Append(Ellipsis);
            from = cut + 1;
        }

        return hidden.Append(text, from, text.Length - from).ToString();
    }

    // The secret's base64 when it is the whole value (padded or not), then for each of the three alignments the characters
    // made of the secret's bits alone: a character holds bits [6i, 6i+6) of the encoded bytes, and the secret holds
    // bits [8k, 8(k+n)) after k bytes of something else.
    private static IEnumerable<string> Base64(byte[] bytes)
    {
        var whole = Convert.ToBase64String(bytes);
        yield return whole;
        yield return whole.TrimEnd('=');
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

    // Only the escapes that JSON requires (a quote, a backslash, control characters), as hand-written JSON has them;
    // HTML-safe also escapes <, > and & the way Go's encoding/json does.
    private static string MinimalJson(string value, bool htmlSafe)
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
                '<' or '>' or '&' or '\u2028' or '\u2029' when htmlSafe => sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => sb.Append(c),
            };
        }

        return sb.ToString();
    }

    [GeneratedRegex("%[0-9A-F]{2}", RegexOptions.CultureInvariant)]
    private static partial Regex PercentHex();
}
