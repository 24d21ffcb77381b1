using System.Globalization;
using System.Text;

namespace Dagger.MSBuild.Json;

/// <summary>
/// Parses one JSON document into plain values: <see cref="IReadOnlyDictionary{TKey, TValue}"/> for objects (members in
/// document order), <see cref="IReadOnlyList{T}"/> for arrays, <see cref="string"/>, <see cref="JsonNumber"/>,
/// <see cref="bool"/> and null. The task assembly carries its own reader because Visual Studio's MSBuild offers no JSON
/// library that a task may bind to, and the package adds no dependency beyond MSBuild's own.
/// </summary>
internal static class JsonReader
{
    private const int MaxDepth = 64;

    /// <summary>Parses <paramref name="text"/>; returns false (and no value) when it is not exactly one JSON value.</summary>
    public static bool TryParse(string text, out object? value)
    {
        var parser = new Parser(text);
        try
        {
            value = parser.Document();
            return true;
        }
        catch (FormatException)
        {
            value = null;
            return false;
        }
    }

    private sealed class Parser(string text)
    {
        private int position;

        public object? Document()
        {
            var value = Value(0);
            SkipWhitespace();
            return position == text.Length ? value : throw Error();
        }

        private object? Value(int depth)
        {
            if (depth > MaxDepth)
            {
                throw Error();
            }

            SkipWhitespace();
            if (position >= text.Length)
            {
                throw Error();
            }

            switch (text[position])
            {
                case '{':
                    return Object(depth);
                case '[':
                    return Array(depth);
                case '"':
                    return String();
                case 't':
                    Literal("true");
                    return true;
                case 'f':
                    Literal("false");
                    return false;
                case 'n':
                    Literal("null");
                    return null;
                default:
                    return Number();
            }
        }

        private Dictionary<string, object?> Object(int depth)
        {
            var members = new Dictionary<string, object?>(StringComparer.Ordinal);
            position++;
            SkipWhitespace();
            if (Peek() == '}')
            {
                position++;
                return members;
            }

            while (true)
            {
                SkipWhitespace();
                if (Peek() != '"')
                {
                    throw Error();
                }

                var name = String();
                SkipWhitespace();
                Expect(':');
                members[name] = Value(depth + 1);
                SkipWhitespace();
                if (Peek() == ',')
                {
                    position++;
                    continue;
                }

                Expect('}');
                return members;
            }
        }

        private List<object?> Array(int depth)
        {
            var items = new List<object?>();
            position++;
            SkipWhitespace();
            if (Peek() == ']')
            {
                position++;
                return items;
            }

            while (true)
            {
                items.Add(Value(depth + 1));
                SkipWhitespace();
                if (Peek() == ',')
                {
                    position++;
                    continue;
                }

                Expect(']');
                return items;
            }
        }

        private string String()
        {
            position++;
            var builder = new StringBuilder();
            while (true)
            {
                if (position >= text.Length)
                {
                    throw Error();
                }

                var c = text[position++];
                if (c == '"')
                {
                    return builder.ToString();
                }

                if (c < ' ')
                {
                    throw Error();
                }

                if (c != '\\')
                {
                    builder.Append(c);
                    continue;
                }

                if (position >= text.Length)
                {
                    throw Error();
                }

                var escape = text[position++];
                switch (escape)
                {
                    case '"':
                    case '\\':
                    case '/':
                        builder.Append(escape);
                        break;
                    case 'b':
                        builder.Append('\b');
                        break;
                    case 'f':
                        builder.Append('\f');
                        break;
                    case 'n':
                        builder.Append('\n');
                        break;
                    case 'r':
                        builder.Append('\r');
                        break;
                    case 't':
                        builder.Append('\t');
                        break;
                    case 'u':
                        if (position + 4 > text.Length
                            || !int.TryParse(text.Substring(position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                        {
                            throw Error();
                        }

                        builder.Append((char)code);
                        position += 4;
                        break;
                    default:
                        throw Error();
                }
            }
        }

        private JsonNumber Number()
        {
            var start = position;
            if (Peek() == '-')
            {
                position++;
            }

            var first = position;
            var digits = Digits();
            if (digits == 0 || (digits > 1 && text[first] == '0'))
            {
                throw Error();
            }

            if (Peek() == '.')
            {
                position++;
                if (Digits() == 0)
                {
                    throw Error();
                }
            }

            if (Peek() is 'e' or 'E')
            {
                position++;
                if (Peek() is '+' or '-')
                {
                    position++;
                }

                if (Digits() == 0)
                {
                    throw Error();
                }
            }

            return new JsonNumber(text.Substring(start, position - start));
        }

        private int Digits()
        {
            var start = position;
            while (position < text.Length && text[position] is >= '0' and <= '9')
            {
                position++;
            }

            return position - start;
        }

        private void Literal(string word)
        {
            if (string.CompareOrdinal(text, position, word, 0, word.Length) != 0)
            {
                throw Error();
            }

            position += word.Length;
        }

        private void Expect(char c)
        {
            if (Peek() != c)
            {
                throw Error();
            }

            position++;
        }

        private char Peek() => position < text.Length ? text[position] : '\0';

        private void SkipWhitespace()
        {
            while (position < text.Length && text[position] is ' ' or '\t' or '\r' or '\n')
            {
                position++;
            }
        }

        private FormatException Error() => new($"invalid JSON at character {position + 1}");
    }
}
