using System.Globalization;
using System.Text;
using Dagger.Runtime.Cue.Builtins.Go;

namespace Dagger.Runtime.Cue.Builtins.Template;

/// <summary>
/// Splits a template into items the way Go's text/template lexer of CUE v0.4's Go release does (no newlines
/// inside actions, trim markers exactly "{{- " and " -}}"). It stops at the first error, which becomes an
/// <see cref="ItemKind.Error"/> item the parser reports.
/// </summary>
internal sealed class Lexer
{
    private const string LeftDelim = "{{";
    private const string RightDelim = "}}";
    private const string LeftTrim = "- ";
    private const string RightTrim = " -";
    private const string SpaceChars = " \t\r\n";

    private readonly string _input;
    private readonly List<Item> _items = [];
    private int _start;
    private int _pos;
    private int _line = 1;
    private int _startLine = 1;
    private int _parenDepth;

    private Lexer(string input) => _input = input;

    /// <summary>Every item of <paramref name="input"/>, ending with EOF or an error.</summary>
    public static List<Item> Lex(string input)
    {
        var l = new Lexer(input);
        l.Run();
        return l._items;
    }

    private void Run()
    {
        var inside = false;
        while (true)
        {
            bool? next = inside ? InsideAction() : Text();
            if (next is null)
            {
                return;
            }

            inside = next.Value;
        }
    }

    private char Peek(int offset = 0) => _pos + offset < _input.Length ? _input[_pos + offset] : '\0';

    private bool AtEnd => _pos >= _input.Length;

    private void Advance(int n)
    {
        for (var i = 0; i < n; i++)
        {
            if (_input[_pos + i] == '\n')
            {
                _line++;
            }
        }

        _pos += n;
    }

    private void Emit(ItemKind kind)
    {
        _items.Add(new Item(kind, _start, _input[_start.._pos], _startLine));
        Ignore();
    }

    private void Ignore()
    {
        _start = _pos;
        _startLine = _line;
    }

    // Errors end the stream: the parser reports the first one it meets.
    private bool? Error(string message)
    {
        _items.Add(new Item(ItemKind.Error, _start, message, _startLine));
        return null;
    }

    private bool? Text()
    {
        var x = _input.IndexOf(LeftDelim, _pos, StringComparison.Ordinal);
        if (x < 0)
        {
            Advance(_input.Length - _pos);
            if (_pos > _start)
            {
                Emit(ItemKind.Text);
            }

            _items.Add(new Item(ItemKind.Eof, _pos, "", _line));
            return null;
        }

        var trim = string.CompareOrdinal(_input, x + LeftDelim.Length, LeftTrim, 0, LeftTrim.Length) == 0;
        var end = x;
        if (trim)
        {
            while (end > _start && SpaceChars.Contains(_input[end - 1], StringComparison.Ordinal))
            {
                end--;
            }
        }

        Advance(end - _pos);
        if (_pos > _start)
        {
            Emit(ItemKind.Text);
        }

        Advance(x - _pos);
        Ignore();
        return LeftDelimiter(trim);
    }

    private bool? LeftDelimiter(bool trim)
    {
        var after = LeftDelim.Length + (trim ? LeftTrim.Length : 0);
        if (string.CompareOrdinal(_input, _pos + after, "/*", 0, 2) == 0)
        {
            Advance(after);
            Ignore();
            return Comment();
        }

        Advance(LeftDelim.Length);
        Emit(ItemKind.LeftDelim);
        Advance(trim ? LeftTrim.Length : 0);
        Ignore();
        _parenDepth = 0;
        return true;
    }

    private bool? Comment()
    {
        Advance(2);
        var i = _input.IndexOf("*/", _pos, StringComparison.Ordinal);
        if (i < 0)
        {
            return Error("unclosed comment");
        }

        Advance(i + 2 - _pos);
        var (delim, trim) = AtRightDelim();
        if (!delim)
        {
            return Error("comment ends before closing delimiter");
        }

        Advance((trim ? RightTrim.Length : 0) + RightDelim.Length);
        if (trim)
        {
            SkipLeadingSpace();
        }

        Ignore();
        return false;
    }

    private void SkipLeadingSpace()
    {
        var n = 0;
        while (_pos + n < _input.Length && SpaceChars.Contains(_input[_pos + n], StringComparison.Ordinal))
        {
            n++;
        }

        Advance(n);
    }

    private (bool Delim, bool Trim) AtRightDelim()
    {
        if (string.CompareOrdinal(_input, _pos, RightTrim, 0, RightTrim.Length) == 0
            && string.CompareOrdinal(_input, _pos + RightTrim.Length, RightDelim, 0, RightDelim.Length) == 0)
        {
            return (true, true);
        }

        return (string.CompareOrdinal(_input, _pos, RightDelim, 0, RightDelim.Length) == 0, false);
    }

    private bool? RightDelimiter(bool trim)
    {
        if (trim)
        {
            Advance(RightTrim.Length);
            Ignore();
        }

        Advance(RightDelim.Length);
        Emit(ItemKind.RightDelim);
        if (trim)
        {
            SkipLeadingSpace();
            Ignore();
        }

        return false;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t';

    private static bool IsEndOfLine(char c) => c is '\r' or '\n';

    private static bool IsAlphaNumeric(Rune r) => r.Value == '_' || Rune.IsLetter(r) || Rune.IsDigit(r);

    private Rune PeekRune() => !AtEnd && Rune.TryGetRuneAt(_input, _pos, out var r) ? r : Rune.ReplacementChar;

    private bool? InsideAction()
    {
        var (delim, trim) = AtRightDelim();
        if (delim)
        {
            return _parenDepth == 0 ? RightDelimiter(trim) : Error("unclosed left paren");
        }

        if (AtEnd)
        {
            return Error("unclosed action");
        }

        var c = Peek();
        if (IsEndOfLine(c))
        {
            Advance(1);
            return Error("unclosed action");
        }

        if (IsSpace(c))
        {
            return Space();
        }

        switch (c)
        {
            case '=':
                Advance(1);
                Emit(ItemKind.Assign);
                return true;
            case ':':
                Advance(1);
                if (Peek() != '=' || AtEnd)
                {
                    return Error("expected :=");
                }

                Advance(1);
                Emit(ItemKind.Declare);
                return true;
            case '|':
                Advance(1);
                Emit(ItemKind.Pipe);
                return true;
            case '"':
                return Quote('"', ItemKind.String, "unterminated quoted string");
            case '`':
                return RawQuote();
            case '$':
                Advance(1);
                return FieldOrVariable(ItemKind.Variable);
            case '\'':
                return Quote('\'', ItemKind.CharConstant, "unterminated character constant");
            case '.':
                if (_pos + 1 < _input.Length && _input[_pos + 1] is < '0' or > '9')
                {
                    Advance(1);
                    return FieldOrVariable(ItemKind.Field);
                }

                return Number();
            case '+' or '-' or (>= '0' and <= '9'):
                return Number();
            case '(':
                Advance(1);
                Emit(ItemKind.LeftParen);
                _parenDepth++;
                return true;
            case ')':
                Advance(1);
                _parenDepth--;
                if (_parenDepth < 0)
                {
                    return Error("unexpected right paren U+0029 ')'");
                }

                Emit(ItemKind.RightParen);
                return true;
        }

        var r = PeekRune();
        if (IsAlphaNumeric(r))
        {
            return Identifier();
        }

        Advance(r.Utf16SequenceLength);
        if (r.Value < 0x80 && GoUnicode.IsPrint(r))
        {
            Emit(ItemKind.Char);
            return true;
        }

        return Error("unrecognized character in action: " + GoFormat.UnicodeFormat(r.Value, true));
    }

    private bool? Space()
    {
        var n = 0;
        while (IsSpace(Peek(n)) && _pos + n < _input.Length)
        {
            n++;
        }

        Advance(n);

        // A space that belongs to a trim-marked " -}}" is left for the delimiter.
        if (string.CompareOrdinal(_input, _pos - 1, RightTrim, 0, RightTrim.Length) == 0
            && string.CompareOrdinal(_input, _pos - 1 + RightTrim.Length, RightDelim, 0, RightDelim.Length) == 0)
        {
            _pos--;
            if (n == 1)
            {
                return true;
            }
        }

        Emit(ItemKind.Space);
        return true;
    }

    private bool? Quote(char quote, ItemKind kind, string unterminated)
    {
        Advance(1);
        while (true)
        {
            if (AtEnd)
            {
                return Error(unterminated);
            }

            var c = Peek();
            Advance(1);
            if (c == '\\')
            {
                if (AtEnd || Peek() == '\n')
                {
                    return Error(unterminated);
                }

                Advance(1);
                continue;
            }

            if (c == '\n')
            {
                return Error(unterminated);
            }

            if (c == quote)
            {
                break;
            }
        }

        Emit(kind);
        return true;
    }

    private bool? RawQuote()
    {
        Advance(1);
        var end = _input.IndexOf('`', _pos);
        if (end < 0)
        {
            return Error("unterminated raw quoted string");
        }

        Advance(end + 1 - _pos);
        Emit(ItemKind.RawString);
        return true;
    }

    private bool AtTerminator()
    {
        if (AtEnd)
        {
            return true;
        }

        var c = Peek();
        return IsSpace(c) || IsEndOfLine(c) || c is '.' or ',' or '|' or ':' or ')' or '(' || c == RightDelim[0];
    }

    private bool? BadCharacter()
    {
        var r = PeekRune();
        Advance(r.Utf16SequenceLength);
        return Error("bad character " + GoFormat.UnicodeFormat(r.Value, true));
    }

    private void AlphaNumerics()
    {
        while (!AtEnd && IsAlphaNumeric(PeekRune()))
        {
            Advance(PeekRune().Utf16SequenceLength);
        }
    }

    private bool? FieldOrVariable(ItemKind kind)
    {
        if (AtTerminator())
        {
            Emit(kind == ItemKind.Variable ? ItemKind.Variable : ItemKind.Dot);
            return true;
        }

        AlphaNumerics();
        if (!AtTerminator())
        {
            return BadCharacter();
        }

        Emit(kind);
        return true;
    }

    private bool? Identifier()
    {
        AlphaNumerics();
        if (!AtTerminator())
        {
            return BadCharacter();
        }

        var word = _input[_start.._pos];
        Emit(word switch
        {
            "block" => ItemKind.Block,
            "define" => ItemKind.Define,
            "else" => ItemKind.Else,
            "end" => ItemKind.End,
            "if" => ItemKind.If,
            "range" => ItemKind.Range,
            "nil" => ItemKind.Nil,
            "template" => ItemKind.Template,
            "with" => ItemKind.With,
            "true" or "false" => ItemKind.Bool,
            _ => ItemKind.Identifier,
        });
        return true;
    }

    private bool Accept(string valid)
    {
        if (!AtEnd && valid.Contains(Peek(), StringComparison.Ordinal))
        {
            Advance(1);
            return true;
        }

        return false;
    }

    private void AcceptRun(string valid)
    {
        while (Accept(valid))
        {
        }
    }

    private bool ScanNumber()
    {
        Accept("+-");
        var digits = "0123456789_";
        if (Accept("0"))
        {
            if (Accept("xX"))
            {
                digits = "0123456789abcdefABCDEF_";
            }
            else if (Accept("oO"))
            {
                digits = "01234567_";
            }
            else if (Accept("bB"))
            {
                digits = "01_";
            }
        }

        AcceptRun(digits);
        if (Accept("."))
        {
            AcceptRun(digits);
        }

        if (digits.Length == 11 && Accept("eE"))
        {
            Accept("+-");
            AcceptRun("0123456789_");
        }

        if (digits.Length == 23 && Accept("pP"))
        {
            Accept("+-");
            AcceptRun("0123456789_");
        }

        Accept("i");
        if (!AtEnd && IsAlphaNumeric(PeekRune()))
        {
            Advance(PeekRune().Utf16SequenceLength);
            return false;
        }

        return true;
    }

    private bool? Number()
    {
        if (!ScanNumber())
        {
            return Error("bad number syntax: " + GoQuote.Quote(_input[_start.._pos]));
        }

        if (Peek() is '+' or '-' && !AtEnd)
        {
            // A complex constant such as 1+2i: no spaces, and it must end in 'i'.
            if (!ScanNumber() || _input[_pos - 1] != 'i')
            {
                return Error("bad number syntax: " + GoQuote.Quote(_input[_start.._pos]));
            }

            Emit(ItemKind.Complex);
            return true;
        }

        Emit(ItemKind.Number);
        return true;
    }

    /// <summary>The text as Go would see its bytes: used for columns in error messages.</summary>
    public static int ByteCount(string s, int from, int to) => Encoding.UTF8.GetByteCount(s.AsSpan(from, to - from));

    internal static string Invariant(int n) => n.ToString(CultureInfo.InvariantCulture);
}
