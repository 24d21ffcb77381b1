using System.Text;

namespace Dagger.Runtime.Cue.Syntax;

/// <summary>Turns CUE source text into tokens, inserting commas at line ends like CUE's scanner.</summary>
internal sealed class Scanner
{
    private readonly string _src;
    private readonly string _file;
    private int _off;
    private int _line = 1;
    private int _lineStart;
    private bool _insertComma;
    private int _tokenLine;
    private Dictionary<int, (string Text, bool OwnLine)>? _comments;

    public Scanner(string file, string src)
    {
        _file = file;
        _src = src;
    }

    public TokenList ScanAll()
    {
        RejectLoneSurrogates();
        var list = new TokenList();
        while (true)
        {
            var t = Next();
            list.Add(t);
            if (t.Kind != Tok.Comma)
            {
                _tokenLine = t.Pos.Line;
            }

            if (t.Kind == Tok.Eof)
            {
                list.Comments = _comments;
                return list;
            }
        }
    }

    private Pos PosAt(int off)
    {
        off = Math.Clamp(off, 0, _src.Length);
        if (off >= _lineStart)
        {
            // Lines are tracked incrementally, so the common case needs no scan.
            return new Pos(_file, _line, Encoding.UTF8.GetByteCount(_src.AsSpan(_lineStart, off - _lineStart)) + 1);
        }

        // An error reported at the start of a token that spans lines (an unterminated multi-line string): count again.
        var before = _src.AsSpan(0, off);
        var lineStart = before.LastIndexOf('\n') + 1;
        return new Pos(_file, before.Count('\n') + 1, Encoding.UTF8.GetByteCount(before[lineStart..]) + 1);
    }

    private CueSyntaxException Error(int off, string msg) => new(PosAt(off), msg);

    // Source read from a file is decoded UTF-8 and cannot hold half a surrogate pair; text given as a string can, and
    // no later stage (string literals above all) could encode it.
    private void RejectLoneSurrogates()
    {
        for (var i = 0; i < _src.Length; i++)
        {
            var c = _src[i];
            if (!char.IsSurrogate(c))
            {
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < _src.Length && char.IsLowSurrogate(_src[i + 1]))
            {
                i++;
                continue;
            }

            // Found before scanning, so the position is counted here rather than from the scanner's state.
            var before = _src.AsSpan(0, i);
            var lineStart = before.LastIndexOf('\n') + 1;
            var pos = new Pos(_file, before.Count('\n') + 1, Encoding.UTF8.GetByteCount(before[lineStart..]) + 1);
            throw new CueSyntaxException(pos, $"illegal character U+{(int)c:X4}: half of a surrogate pair, not a Unicode character");
        }
    }

    private char Peek(int k = 0) => _off + k < _src.Length ? _src[_off + k] : '\0';

    private void NewLine(int at)
    {
        _line++;
        _lineStart = at + 1;
    }

    private Token Next()
    {
        while (true)
        {
            // Skip whitespace; a newline may become a comma.
            while (_off < _src.Length)
            {
                var c = _src[_off];
                if (c == '\n')
                {
                    if (_insertComma && !NextIsColon(_off + 1))
                    {
                        var t = new Token(Tok.Comma, "\n", PosAt(_off), _off);
                        _insertComma = false;
                        NewLine(_off);
                        _off++;
                        return t;
                    }

                    NewLine(_off);
                    _off++;
                }
                else if (c is ' ' or '\t' or '\r' or '\uFEFF')
                {
                    _off++;
                }
                else
                {
                    break;
                }
            }

            if (_off >= _src.Length)
            {
                if (_insertComma)
                {
                    _insertComma = false;
                    return new Token(Tok.Comma, "\n", PosAt(_off), _off);
                }

                return new Token(Tok.Eof, "", PosAt(_off), _off);
            }

            if (Peek() == '/' && Peek(1) == '/')
            {
                var text = _off + 2;
                while (_off < _src.Length && _src[_off] != '\n')
                {
                    _off++;
                }

                // Kept for doc comments: a comment alone on its line may document the field below it.
                (_comments ??= [])[_line] = (_src[text.._off].TrimEnd('\r'), _tokenLine != _line);
                continue;
            }

            if (Peek() == '/' && Peek(1) == '*')
            {
                throw Error(_off, "block comments are not supported in CUE");
            }

            break;
        }

        var start = _off;
        var pos = PosAt(start);
        var ch = _src[_off];
        Tok kind;
        var insert = false;
        if (ch == '_' && Peek(1) == '|' && Peek(2) == '_')
        {
            _off += 3;
            kind = Tok.Bottom;
            insert = true;
        }
        else if (IsLetter(ch) || ch == '#' && Peek(1) is not ('"' or '#' or '\'') || ch == '$')
        {
            _off++;
            while (_off < _src.Length && (IsLetter(_src[_off]) || char.IsDigit(_src[_off]) || _src[_off] == '$' || _src[_off] == '#' && _off == start + 1))
            {
                _off++;
            }

            kind = Tok.Ident;
            insert = true;
        }
        else if (ch == '#' && (Peek(1) == '"' || Peek(1) == '#' || Peek(1) == '\''))
        {
            ScanString();
            kind = Tok.String;
            insert = true;
        }
        else if (char.IsDigit(ch) || ch == '.' && char.IsDigit(Peek(1)))
        {
            kind = ScanNumber();
            insert = true;
        }
        else if (ch is '"' or '\'')
        {
            ScanString();
            kind = Tok.String;
            insert = true;
        }
        else if (ch == '@')
        {
            ScanAttribute();
            kind = Tok.Attribute;
            insert = true;
        }
        else
        {
            _off++;
            switch (ch)
            {
                case ',': kind = Tok.Comma; break;
                case '(': kind = Tok.LParen; break;
                case ')': kind = Tok.RParen; insert = true; break;
                case '[': kind = Tok.LBrack; break;
                case ']': kind = Tok.RBrack; insert = true; break;
                case '{': kind = Tok.LBrace; break;
                case '}': kind = Tok.RBrace; insert = true; break;
                case ':':
                    if (Peek() == ':')
                    {
                        _off++;
                        kind = Tok.DoubleColon;
                    }
                    else
                    {
                        kind = Tok.Colon;
                    }

                    break;
                case '?': kind = Tok.Question; break;
                case '.':
                    if (Peek() == '.' && Peek(1) == '.')
                    {
                        _off += 2;
                        kind = Tok.Ellipsis;
                        insert = true;
                    }
                    else
                    {
                        kind = Tok.Dot;
                    }

                    break;
                case '&':
                    kind = Peek() == '&' ? Advance(Tok.AndAnd) : Tok.Amp;
                    break;
                case '|':
                    kind = Peek() == '|' ? Advance(Tok.OrOr) : Tok.Pipe;
                    break;
                case '*': kind = Tok.Star; break;
                case '+': kind = Tok.Plus; break;
                case '-': kind = Tok.Minus; break;
                case '/': kind = Tok.Slash; break;
                case '=':
                    kind = Peek() == '=' ? Advance(Tok.Eq) : Peek() == '~' ? Advance(Tok.Match) : Tok.Assign;
                    break;
                case '!':
                    kind = Peek() == '=' ? Advance(Tok.Neq) : Peek() == '~' ? Advance(Tok.NotMatch) : Tok.Bang;
                    break;
                case '<':
                    kind = Peek() == '=' ? Advance(Tok.Leq) : Peek() == '-' ? Advance(Tok.Arrow) : Tok.Lss;
                    break;
                case '>':
                    kind = Peek() == '=' ? Advance(Tok.Geq) : Tok.Gtr;
                    break;
                default:
                    throw Error(start, $"illegal character {Quote(ch)}");
            }
        }

        _insertComma = insert;
        return new Token(kind, _src[start.._off], pos, start);
    }

    /// <summary>True when the next token after whitespace and comments is a single ':' (front-style layout).</summary>
    private bool NextIsColon(int at)
    {
        var i = at;
        while (i < _src.Length)
        {
            var c = _src[i];
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                i++;
            }
            else if (c == '/' && i + 1 < _src.Length && _src[i + 1] == '/')
            {
                while (i < _src.Length && _src[i] != '\n')
                {
                    i++;
                }
            }
            else
            {
                return c == ':' && (i + 1 >= _src.Length || _src[i + 1] != ':');
            }
        }

        return false;
    }

    private static string Quote(char c) => c < 0x20 ? $"U+{(int)c:X4}" : "'" + c + "'";

    private Tok Advance(Tok t)
    {
        _off++;
        return t;
    }

    private static bool IsLetter(char c) => c == '_' || char.IsLetter(c);

    private Tok ScanNumber()
    {
        var start = _off;
        var isFloat = false;
        if (Peek() == '0' && (Peek(1) is 'x' or 'X' or 'o' or 'O' or 'b' or 'B'))
        {
            _off += 2;
            while (_off < _src.Length && (Uri.IsHexDigit(_src[_off]) || _src[_off] == '_'))
            {
                _off++;
            }

            return Tok.Int;
        }

        while (_off < _src.Length && (char.IsDigit(_src[_off]) || _src[_off] == '_'))
        {
            _off++;
        }

        if (Peek() == '.' && Peek(1) != '.')
        {
            isFloat = true;
            _off++;
            while (_off < _src.Length && (char.IsDigit(_src[_off]) || _src[_off] == '_'))
            {
                _off++;
            }
        }

        if (Peek() is 'e' or 'E' && (char.IsDigit(Peek(1)) || (Peek(1) is '+' or '-') && char.IsDigit(Peek(2))))
        {
            isFloat = true;
            _off += 2;
            while (_off < _src.Length && char.IsDigit(_src[_off]))
            {
                _off++;
            }
        }

        // SI multipliers make the literal an integer.
        if (Peek() is 'K' or 'M' or 'G' or 'T' or 'P' or 'E' or 'Z' or 'Y')
        {
            _off++;
            if (Peek() == 'i')
            {
                _off++;
            }

            return Tok.Int;
        }

        var text = _src[start.._off];
        if (!isFloat && text.Length > 1 && text[0] == '0' && text.Trim('0', '_').Length > 0)
        {
            throw Error(start, "illegal integer number: leading zeros are not allowed, use 0o for octal");
        }

        return isFloat ? Tok.Float : Tok.Int;
    }

    private void ScanAttribute()
    {
        var start = _off;
        _off++;
        while (_off < _src.Length && (IsLetter(_src[_off]) || char.IsDigit(_src[_off])))
        {
            _off++;
        }

        if (Peek() != '(')
        {
            throw Error(start, "invalid attribute: expected '('");
        }

        var depth = 0;
        while (_off < _src.Length)
        {
            var c = _src[_off];
            if (c == '\n')
            {
                NewLine(_off);
            }
            else if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                depth--;
                if (depth == 0)
                {
                    _off++;
                    return;
                }
            }
            else if (c == '"')
            {
                _off++;
                while (_off < _src.Length && _src[_off] != '"')
                {
                    if (_src[_off] == '\\')
                    {
                        _off++;
                    }

                    _off++;
                }
            }

            _off++;
        }

        throw Error(start, "attribute not terminated");
    }

    /// <summary>Scans a string literal of any form, skipping over interpolations.</summary>
    private void ScanString()
    {
        var start = _off;
        var hashes = 0;
        while (Peek() == '#')
        {
            hashes++;
            _off++;
        }

        var q = Peek();
        var multi = Peek(1) == q && Peek(2) == q;
        _off += multi ? 3 : 1;
        if (multi)
        {
            if (Peek() == '\r')
            {
                _off++;
            }

            if (Peek() != '\n')
            {
                throw Error(_off, "expected newline after multiline quote");
            }
        }

        while (true)
        {
            if (_off >= _src.Length)
            {
                throw Error(start, "string literal not terminated");
            }

            var c = _src[_off];
            if (c == '\n')
            {
                if (!multi)
                {
                    throw Error(start, "string literal not terminated");
                }

                NewLine(_off);
                _off++;
                continue;
            }

            if (c == '\\' && MatchHashes(_off + 1, hashes))
            {
                var e = _off + 1 + hashes;
                if (e < _src.Length && _src[e] == '(')
                {
                    _off = e + 1;
                    SkipInterpolation();
                    continue;
                }

                _off = e + 1;
                continue;
            }

            if (c == q)
            {
                if (multi)
                {
                    if (Peek(1) == q && Peek(2) == q && MatchHashes(_off + 3, hashes))
                    {
                        _off += 3 + hashes;
                        return;
                    }
                }
                else if (MatchHashes(_off + 1, hashes))
                {
                    _off += 1 + hashes;
                    return;
                }
            }

            _off++;
        }
    }

    private bool MatchHashes(int at, int n)
    {
        for (var i = 0; i < n; i++)
        {
            if (at + i >= _src.Length || _src[at + i] != '#')
            {
                return false;
            }
        }

        return true;
    }

    private void SkipInterpolation()
    {
        var depth = 1;
        while (_off < _src.Length)
        {
            var c = _src[_off];
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth--;
                if (depth == 0)
                {
                    _off++;
                    return;
                }
            }
            else if (c is '"' or '\'' || c == '#' && Peek(1) is '"' or '#')
            {
                ScanString();
                continue;
            }
            else if (c == '\n')
            {
                NewLine(_off);
            }

            _off++;
        }

        throw Error(_off, "interpolation not terminated");
    }
}
