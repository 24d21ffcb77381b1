using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Dagger.TestRig;

/// <summary>
/// The secrets of the leak tests (issue 17), one of each shape, and the forms in which a leak of one would show. The
/// values are nowhere else, so that finding one is a leak.
/// </summary>
public static class SecretShapes
{
    private static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One line; several lines; regular expression metacharacters; JSON-special characters; four characters.</summary>
    public static IReadOnlyList<(string Path, string Value)> All { get; } =
    [
        ("one", "leak-one-line-7Q2xZ9pLm4"),
        ("multi", "leak-multi-first-Aa1\nleak-multi-second-Bb2\nleak-multi-third-Cc3"),
        ("regex", @"leak-rx-a.b*c+(d)[e]$^|\"),
        ("json", "leak-js\"on\\path<t>&amp'\nleak-json-second-line"),
        ("short", "Zq9!"),
    ];

    /// <summary>
    /// Where <paramref name="text"/> shows a secret: the secret or one of its lines, as it is, in base64, URL-encoded
    /// or JSON-escaped (as System.Text.Json writes by default, and relaxed); or the start of a long one, as a text cut
    /// short would show it.
    /// </summary>
    public static IEnumerable<string> Find(string channel, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var (path, value) in All)
        {
            foreach (var (form, shown) in Forms(value))
            {
                if (text.Contains(shown, StringComparison.Ordinal))
                {
                    yield return $"{channel}: secret {path} {form}";
                }
            }
        }
    }

    private static IEnumerable<(string Form, string Text)> Forms(string secret)
    {
        if (secret.Length >= 20)
        {
            yield return ("by its first 12 characters", secret[..12]);
        }

        var parts = secret.Contains('\n', StringComparison.Ordinal) ? [secret, .. secret.Split('\n')] : new[] { secret };
        foreach (var part in parts)
        {
            var which = part == secret ? "" : $" (line \"{part}\")";
            yield return ("as it is" + which, part);
            yield return ("in base64" + which, Convert.ToBase64String(Encoding.UTF8.GetBytes(part)));
            yield return ("URL-encoded" + which, Uri.EscapeDataString(part));
            yield return ("JSON-escaped" + which, JsonSerializer.Serialize(part)[1..^1]);
            yield return ("JSON-escaped, relaxed" + which, JsonSerializer.Serialize(part, RelaxedJson)[1..^1]);
        }
    }
}
