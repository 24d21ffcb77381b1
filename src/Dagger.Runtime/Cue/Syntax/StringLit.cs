using System.Globalization;
using System.Text;

namespace Dagger.Runtime.Cue.Syntax;

/// <summary>Decodes CUE string and bytes literals, including raw, multi-line and interpolated forms.</summary>
internal static class StringLit
{
    private static readonly System.Buffers.SearchValues<char> OctalDigits = System.Buffers.SearchValues.Create("01234567");

    public static string DecodeSimple(string raw, Pos pos)
    {
        if (IsPlain(raw, out var plain))
        {
            return plain;
        }

        var parts = Decode(raw, pos, out _);
        if (parts.Count == 1 && parts[0] is byte[] b)
        {
            return Encoding.UTF8.GetString(b);
        }

        if (parts.Count == 0)
        {
            return "";
        }

        throw new CueSyntaxException(pos, "interpolation not allowed here");
    }

    public static Expr Parse(Parser p, Token t)
    {
        if (IsPlain(t.Text, out var plain))
        {
            return t.Text[0] == '\''
                ? new BasicLit { Kind = LitKind.Bytes, Value = Encoding.UTF8.GetBytes(plain), Text = t.Text, Pos = t.Pos }
                : new BasicLit { Kind = LitKind.String, Value = plain, Text = t.Text, Pos = t.Pos };
        }

        var parts = Decode(t.Text, t.Pos, out var isBytes);
        if (parts.Count == 0)
        {
            parts.Add(Array.Empty<byte>());
        }

        if (parts.Count == 1 && parts[0] is byte[] b)
        {
            return isBytes
                ? new BasicLit { Kind = LitKind.Bytes, Value = b, Text = t.Text, Pos = t.Pos }
                : new BasicLit { Kind = LitKind.String, Value = Encoding.UTF8.GetString(b), Text = t.Text, Pos = t.Pos };
        }

        var interp = new Interpolation { IsBytes = isBytes, Pos = t.Pos };
        foreach (var part in parts)
        {
            interp.Parts.Add(part is byte[] bytes ? (isBytes ? bytes : Encoding.UTF8.GetString(bytes)) : Parser.ParseInterpolationExpr(p.FileName, (string)part, t.Pos));
        }

        return interp;
    }

    /// <summary>
    /// Most literals are one line with no escape and no interpolation: their text between the quotes is their value,
    /// with no decoding.
    /// </summary>
    private static bool IsPlain(string raw, out string body)
    {
        body = "";
        if (raw.Length < 2 || raw[0] is not ('"' or '\'') || raw.Contains('\\', StringComparison.Ordinal))
        {
            return false;
        }

        if (raw.Length >= 6 && raw[1] == raw[0] && raw[2] == raw[0])
        {
            return false;
        }

        body = raw[1..^1];
        return true;
    }

    /// <summary>Splits a literal into decoded byte segments (byte[]) and interpolation sources (string).</summary>
    private static List<object> Decode(string raw, Pos pos, out bool isBytes)
    {
        var hashes = 0;
        while (raw[hashes] == '#')
        {
            hashes++;
        }

        var q = raw[hashes];
        isBytes = q == '\'';
        var multi = raw.Length >= hashes * 2 + 6 && raw[hashes + 1] == q && raw[hashes + 2] == q;
        var ql = multi ? 3 : 1;
        var body = raw.Substring(hashes + ql, raw.Length - 2 * hashes - 2 * ql);
        if (multi)
        {
            body = StripIndent(body, pos);
        }

        var parts = new List<object>();
        var cur = new List<byte>();
        var i = 0;
        Span<byte> enc = stackalloc byte[4];
        while (i < body.Length)
        {
            var c = body[i];
            if (c == '\\' && HasHashes(body, i + 1, hashes))
            {
                var j = i + 1 + hashes;
                if (j >= body.Length)
                {
                    throw new CueSyntaxException(pos, "invalid escape at end of string");
                }

                var e = body[j];
                switch (e)
                {
                    case '(':
                        {
                            var k = InterpolationEnd(body, j + 1);
                            parts.Add(cur.ToArray());
                            cur.Clear();
                            parts.Add(body[(j + 1)..(k - 1)]);
                            i = k;
                            continue;
                        }

                    case 'n': cur.Add((byte)'\n'); break;
                    case 't': cur.Add((byte)'\t'); break;
                    case 'r': cur.Add((byte)'\r'); break;
                    case 'a': cur.Add(7); break;
                    case 'b': cur.Add(8); break;
                    case 'f': cur.Add(12); break;
                    case 'v': cur.Add(11); break;
                    case '\\': cur.Add((byte)'\\'); break;
                    case '/': cur.Add((byte)'/'); break;
                    case '"': cur.Add((byte)'"'); break;
                    case '\'': cur.Add((byte)'\''); break;
                    case '\n':
                        break;
                    case 'x':
                        if (!isBytes)
                        {
                            throw new CueSyntaxException(pos, "invalid escape sequence \\x in string: only allowed in bytes");
                        }

                        if (j + 2 >= body.Length || !byte.TryParse(body.AsSpan(j + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hexByte))
                        {
                            throw new CueSyntaxException(pos, "invalid escape sequence \\x: want two hexadecimal digits");
                        }

                        cur.Add(hexByte);
                        j += 2;
                        break;
                    case 'u':
                    case 'U':
                        {
                            var n = e == 'u' ? 4 : 8;
                            // The n hex digits follow the 'u' at j: j + n must be inside the body.
                            if (j + n >= body.Length)
                            {
                                throw new CueSyntaxException(pos, "invalid unicode escape");
                            }

                            if (!int.TryParse(body.AsSpan(j + 1, n), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var cp) || !Rune.IsValid(cp))
                            {
                                throw new CueSyntaxException(pos, "invalid unicode escape");
                            }

                            var len = new Rune(cp).EncodeToUtf8(enc);
                            for (var k = 0; k < len; k++)
                            {
                                cur.Add(enc[k]);
                            }

                            j += n;
                            break;
                        }

                    default:
                        if (e is >= '0' and <= '7' && isBytes)
                        {
                            // Exactly three octal digits, at most \377.
                            if (j + 3 > body.Length || body.AsSpan(j, 3).IndexOfAnyExcept(OctalDigits) >= 0 || body[j] > '3')
                            {
                                throw new CueSyntaxException(pos, "invalid octal escape: want three octal digits up to \\377");
                            }

                            cur.Add(Convert.ToByte(body.Substring(j, 3), 8));
                            j += 2;
                            break;
                        }

                        throw new CueSyntaxException(pos, $"unknown escape sequence \\{e}");
                }

                i = j + 1;
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < body.Length)
            {
                var len = new Rune(c, body[i + 1]).EncodeToUtf8(enc);
                for (var k = 0; k < len; k++)
                {
                    cur.Add(enc[k]);
                }

                i += 2;
                continue;
            }

            if (c < 0x80)
            {
                cur.Add((byte)c);
            }
            else
            {
                var len = new Rune(c).EncodeToUtf8(enc);
                for (var k = 0; k < len; k++)
                {
                    cur.Add(enc[k]);
                }
            }

            i++;
        }

        if (cur.Count > 0 || parts.Count == 0 || parts[^1] is string)
        {
            parts.Add(cur.ToArray());
        }

        return parts;
    }

    private static bool HasHashes(string s, int at, int n)
    {
        for (var k = 0; k < n; k++)
        {
            if (at + k >= s.Length || s[at + k] != '#')
            {
                return false;
            }
        }

        return true;
    }

    private static string StripIndent(string body, Pos pos)
    {
        // body starts with the newline after the opening quotes; the last line holds the closing indentation.
        var nl = body.IndexOf('\n');
        body = body[(nl + 1)..];
        var last = body.LastIndexOf('\n');
        var indent = last < 0 ? body : body[(last + 1)..];
        if (indent.Trim().Length != 0)
        {
            throw new CueSyntaxException(pos, "closing quote must be on its own line");
        }

        var content = last < 0 ? "" : body[..last];
        var sb = new StringBuilder();
        var depth = 0;
        var lineStart = true;
        for (var i = 0; i < content.Length; i++)
        {
            if (lineStart && depth == 0)
            {
                lineStart = false;
                var end = content.IndexOf('\n', i);
                var line = end < 0 ? content[i..] : content[i..end];
                if (line.TrimEnd('\r').Length == 0)
                {
                    // An empty line needs no indentation; a line of whitespace keeps what lies beyond it (v0.4).
                    i += line.Length - 1;
                    continue;
                }

                if (!line.StartsWith(indent, StringComparison.Ordinal))
                {
                    throw new CueSyntaxException(pos, "invalid whitespace in multi-line string");
                }

                i += indent.Length - 1;
                continue;
            }

            var c = content[i];
            if (c == '\\' && i + 1 < content.Length && content[i + 1] == '(')
            {
                depth++;
                sb.Append(c).Append('(');
                i++;
                continue;
            }

            if (depth > 0 && c == '(')
            {
                depth++;
            }
            else if (depth > 0 && c == ')')
            {
                depth--;
            }

            if (c == '\r' && i + 1 < content.Length && content[i + 1] == '\n')
            {
                continue;
            }

            sb.Append(c);
            if (c == '\n')
            {
                lineStart = true;
            }
        }

        return sb.ToString();
    }
    /// <summary>The index just past the <c>)</c> that closes an interpolation whose expression starts at
    /// <paramref name="k"/>; strings inside it may hold interpolations of their own, to any depth.</summary>
    private static int InterpolationEnd(string body, int k)
    {
        var depth = 1;
        while (k < body.Length)
        {
            var ch = body[k];
            if (ch is '"' or '\'' or '#')
            {
                k = StringEnd(body, k);
                continue;
            }

            if (ch == '(')
            {
                depth++;
            }
            else if (ch == ')' && --depth == 0)
            {
                return k + 1;
            }

            k++;
        }

        return k;
    }

    // From the opening `#`s or quote of a literal inside an interpolation, the index just past its end (a `#` that
    // does not open a literal, as in `#Def`, is stepped over).
    private static int StringEnd(string body, int k) => StringEnd(body, k, out _);

    /// <summary>From the opening <c>#</c>s or quote of a string literal in <paramref name="body"/>, the index just
    /// past its end; <paramref name="interpolated"/> tells whether it holds an interpolation.</summary>
    internal static int StringEnd(string body, int k, out bool interpolated)
    {
        interpolated = false;
        var hashes = 0;
        while (k < body.Length && body[k] == '#')
        {
            hashes++;
            k++;
        }

        if (k >= body.Length || body[k] is not ('"' or '\''))
        {
            return k;
        }

        var q = body[k];
        var multi = k + 2 < body.Length && body[k + 1] == q && body[k + 2] == q;
        k += multi ? 3 : 1;
        while (k < body.Length)
        {
            var ch = body[k];
            if (ch == '\\' && HasHashes(body, k + 1, hashes))
            {
                var e = k + 1 + hashes;
                var opens = e < body.Length && body[e] == '(';
                interpolated |= opens;
                k = opens ? InterpolationEnd(body, e + 1) : e + 1;
                continue;
            }

            if (ch == q)
            {
                if (!multi && HasHashes(body, k + 1, hashes))
                {
                    return k + 1 + hashes;
                }

                if (multi && k + 2 < body.Length && body[k + 1] == q && body[k + 2] == q && HasHashes(body, k + 3, hashes))
                {
                    return k + 3 + hashes;
                }
            }

            k++;
        }

        return k;
    }
}
