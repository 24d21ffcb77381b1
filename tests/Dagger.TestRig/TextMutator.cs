using System.Text;

namespace Dagger.TestRig;

/// <summary>
/// Random edits of a text for the fuzz tests: deletions, duplications, cuts, replaced characters and inserted tokens
/// (the caller's, plus characters that break most formats: control characters, lone surrogates, quotes, escapes).
/// </summary>
public sealed class TextMutator(Random random, IReadOnlyList<string> tokens)
{
    private static readonly string[] Breakers =
    [
        "\0", "\t", "\r", "\n", "\r\n", "\u2028", "\uFEFF", "\uD800", "\uDC00", "\"", "'", "\\", "\\u", "\\x", "\\uD800",
        "{", "}", "[", "]", ":", ",", "=", "#", "%", "&", "*", "!", "|", ">", "-", "?", "@", "`", " ", "~", "é", "😀",
    ];

    /// <summary>The random source; tests draw from it too, so that one seed decides the whole run.</summary>
    public Random Random => random;

    /// <summary>One to four random edits of <paramref name="text"/>.</summary>
    public string Mutate(string text)
    {
        var s = new StringBuilder(text);
        var edits = random.Next(1, 5);
        for (var e = 0; e < edits; e++)
        {
            var at = s.Length == 0 ? 0 : random.Next(s.Length);
            var span = Math.Min(s.Length - at, random.Next(1, 24));
            switch (random.Next(8))
            {
                case 0:
                    s.Remove(at, span);
                    break;
                case 1:
                    s.Insert(at, s.ToString(at, span));
                    break;
                case 2:
                    s.Insert(at, tokens.Count > 0 ? tokens[random.Next(tokens.Count)] : Breakers[random.Next(Breakers.Length)]);
                    break;
                case 3:
                    s.Length = at;
                    break;
                case 4 when s.Length > 0:
                    s[at] = (char)random.Next(0, 128);
                    break;
                case 5:
                    s.Insert(at, Breakers[random.Next(Breakers.Length)]);
                    break;
                case 6 when s.Length > 0:
                    s[at] = (char)random.Next(0x80, 0x10000);
                    break;
                default:
                    var other = s.Length == 0 ? 0 : random.Next(s.Length);
                    s.Insert(other, s.ToString(at, span));
                    break;
            }
        }

        return s.ToString();
    }

    /// <summary>A random string of up to <paramref name="maxLength"/> characters drawn from the tokens and breakers.</summary>
    public string Noise(int maxLength)
    {
        var s = new StringBuilder();
        var length = random.Next(maxLength + 1);
        while (s.Length < length)
        {
            s.Append(random.Next(3) switch
            {
                0 when tokens.Count > 0 => tokens[random.Next(tokens.Count)],
                1 => Breakers[random.Next(Breakers.Length)],
                _ => ((char)random.Next(32, 127)).ToString(),
            });
        }

        return s.ToString();
    }
}
