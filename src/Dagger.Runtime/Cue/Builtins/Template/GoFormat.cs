using System.Globalization;
using System.Numerics;
using System.Text;
using Dagger.Runtime.Cue.Builtins.Go;

namespace Dagger.Runtime.Cue.Builtins.Template;

/// <summary>
/// Go's fmt printing (Sprint, Sprintln, Sprintf) for the values a template handles: the verbs, flags, widths,
/// precisions and error notations (%!d(string=x), %!v(MISSING), %!(EXTRA ...)) as Go writes them.
/// </summary>
internal sealed class GoFormat
{
    private readonly StringBuilder _buf = new();
    private bool _plus;
    private bool _minus;
    private bool _sharp;
    private bool _space;
    private bool _zero;
    private bool _widPresent;
    private bool _precPresent;
    private int _wid;
    private int _prec;

    private void ClearFlags()
    {
        _plus = _minus = _sharp = _space = _zero = _widPresent = _precPresent = false;
        _wid = _prec = 0;
    }

    /// <summary>fmt.Sprint: a space between operands when neither is a string.</summary>
    public static string Sprint(IReadOnlyList<object?> args)
    {
        var p = new GoFormat();
        var prevString = false;
        for (var i = 0; i < args.Count; i++)
        {
            var isString = args[i] is string;
            if (i > 0 && !isString && !prevString)
            {
                p._buf.Append(' ');
            }

            p.PrintArg(args[i], 'v');
            prevString = isString;
        }

        return p._buf.ToString();
    }

    /// <summary>fmt.Sprintln: spaces between all operands and a final newline.</summary>
    public static string Sprintln(IReadOnlyList<object?> args)
    {
        var p = new GoFormat();
        for (var i = 0; i < args.Count; i++)
        {
            if (i > 0)
            {
                p._buf.Append(' ');
            }

            p.PrintArg(args[i], 'v');
        }

        return p._buf.Append('\n').ToString();
    }

    /// <summary>Go's %U notation of a code point, with the character when <paramref name="sharp"/> and printable.</summary>
    public static string UnicodeFormat(int r, bool sharp)
    {
        var s = "U+" + r.ToString("X4", CultureInfo.InvariantCulture);
        return sharp && Rune.IsValid(r) && GoUnicode.IsPrint(new Rune(r)) ? s + " '" + new Rune(r) + "'" : s;
    }

    /// <summary>fmt.Sprintf.</summary>
    public static string Sprintf(string format, IReadOnlyList<object?> a)
    {
        var p = new GoFormat();
        var end = format.Length;
        var argNum = 0;
        var reordered = false;
        var i = 0;
        while (i < end)
        {
            var goodArgNum = true;
            var lasti = i;
            while (i < end && format[i] != '%')
            {
                i++;
            }

            if (i > lasti)
            {
                p._buf.Append(format, lasti, i - lasti);
            }

            if (i >= end)
            {
                break;
            }

            i++;
            p.ClearFlags();
            var simple = false;
            for (; i < end; i++)
            {
                var c = format[i];
                if (c == '#')
                {
                    p._sharp = true;
                }
                else if (c == '0')
                {
                    p._zero = !p._minus;
                }
                else if (c == '+')
                {
                    p._plus = true;
                }
                else if (c == '-')
                {
                    p._minus = true;
                    p._zero = false;
                }
                else if (c == ' ')
                {
                    p._space = true;
                }
                else
                {
                    if (c is >= 'a' and <= 'z' && argNum < a.Count)
                    {
                        if (c == 'v')
                        {
                            // %+v and %#v only change structs and Go syntax, which CUE data never needs.
                            p._sharp = false;
                            p._plus = false;
                        }

                        p.PrintArg(a[argNum], c);
                        argNum++;
                        i++;
                        simple = true;
                    }

                    break;
                }
            }

            if (simple)
            {
                continue;
            }

            (argNum, i, var afterIndex, var ok) = ArgNumber(argNum, format, i, a.Count);
            reordered |= ok;
            if (i < end && format[i] == '*')
            {
                i++;
                (p._wid, p._widPresent, argNum) = IntFromArg(a, argNum);
                if (!p._widPresent)
                {
                    p._buf.Append("%!(BADWIDTH)");
                }

                if (p._wid < 0)
                {
                    p._wid = -p._wid;
                    p._minus = true;
                    p._zero = false;
                }

                afterIndex = false;
            }
            else
            {
                (p._wid, p._widPresent, i) = ParseNum(format, i, end);
                if (afterIndex && p._widPresent)
                {
                    goodArgNum = false;
                }
            }

            if (i + 1 < end && format[i] == '.')
            {
                i++;
                if (afterIndex)
                {
                    goodArgNum = false;
                }

                (argNum, i, afterIndex, ok) = ArgNumber(argNum, format, i, a.Count);
                reordered |= ok;
                if (i < end && format[i] == '*')
                {
                    i++;
                    (p._prec, p._precPresent, argNum) = IntFromArg(a, argNum);
                    if (p._prec < 0)
                    {
                        p._prec = 0;
                        p._precPresent = false;
                    }

                    if (!p._precPresent)
                    {
                        p._buf.Append("%!(BADPREC)");
                    }

                    afterIndex = false;
                }
                else
                {
                    (p._prec, p._precPresent, i) = ParseNum(format, i, end);
                    if (!p._precPresent)
                    {
                        p._prec = 0;
                        p._precPresent = true;
                    }
                }
            }

            if (!afterIndex)
            {
                (argNum, i, afterIndex, ok) = ArgNumber(argNum, format, i, a.Count);
                reordered |= ok;
            }

            if (i >= end)
            {
                p._buf.Append("%!(NOVERB)");
                break;
            }

            var verb = char.ConvertToUtf32(format, i);
            i += char.IsSurrogate(format[i]) ? 2 : 1;
            if (verb == '%')
            {
                p._buf.Append('%');
            }
            else if (!goodArgNum)
            {
                p._buf.Append("%!").Append(char.ConvertFromUtf32(verb)).Append("(BADINDEX)");
            }
            else if (argNum >= a.Count)
            {
                p._buf.Append("%!").Append(char.ConvertFromUtf32(verb)).Append("(MISSING)");
            }
            else
            {
                if (verb == 'v')
                {
                    p._sharp = false;
                    p._plus = false;
                }

                p.PrintArg(a[argNum], verb);
                argNum++;
            }
        }

        if (!reordered && argNum < a.Count)
        {
            p.ClearFlags();
            p._buf.Append("%!(EXTRA ");
            for (var k = argNum; k < a.Count; k++)
            {
                if (k > argNum)
                {
                    p._buf.Append(", ");
                }

                if (a[k] is null)
                {
                    p._buf.Append("<nil>");
                }
                else
                {
                    p._buf.Append(GoValues.TypeName(a[k])).Append('=');
                    p.PrintArg(a[k], 'v');
                }
            }

            p._buf.Append(')');
        }

        return p._buf.ToString();
    }

    // An explicit argument index "[n]": the new argument number, the index after it, whether one was
    // present, and whether it was well-formed (which makes the call "reordered").
    private static (int ArgNum, int I, bool Found, bool Ok) ArgNumber(int argNum, string format, int i, int numArgs)
    {
        if (i >= format.Length || format[i] != '[')
        {
            return (argNum, i, false, false);
        }

        for (var j = i + 1; j < format.Length; j++)
        {
            if (format[j] == ']')
            {
                var (width, ok, newi) = ParseNum(format, i + 1, j);
                if (!ok || newi != j)
                {
                    return (argNum, j + 1, false, true);
                }

                width--;
                return width >= 0 && width < numArgs ? (width, j + 1, true, true) : (argNum, j + 1, false, true);
            }
        }

        return (argNum, i + 1, false, true);
    }

    private static (int Num, bool Present, int I) ParseNum(string s, int start, int end)
    {
        if (start >= end)
        {
            return (0, false, end);
        }

        var num = 0;
        var present = false;
        var i = start;
        for (; i < end && s[i] is >= '0' and <= '9'; i++)
        {
            if (num > 1_000_000)
            {
                return (0, false, end);
            }

            num = (num * 10) + (s[i] - '0');
            present = true;
        }

        return (num, present, i);
    }

    private static (int Num, bool IsInt, int ArgNum) IntFromArg(IReadOnlyList<object?> a, int argNum)
    {
        if (argNum >= a.Count)
        {
            return (0, false, argNum);
        }

        var (num, isInt) = a[argNum] switch
        {
            long l when l is >= -1_000_000 and <= 1_000_000 => ((int)l, true),
            byte b => (b, true),
            _ => (0, false),
        };
        return (num, isInt, argNum + 1);
    }

    private void WritePadding(int n)
    {
        if (n > 0)
        {
            _buf.Append(_zero ? '0' : ' ', n);
        }
    }

    private void Pad(string s)
    {
        if (!_widPresent || _wid == 0)
        {
            _buf.Append(s);
            return;
        }

        var width = _wid - s.EnumerateRunes().Count();
        if (!_minus)
        {
            WritePadding(width);
            _buf.Append(s);
        }
        else
        {
            _buf.Append(s);
            WritePadding(width);
        }
    }

    private string Truncate(string s) =>
        _precPresent ? string.Concat(s.EnumerateRunes().Take(_prec).Select(r => r.ToString())) : s;

    private void BadVerb(int verb, object? arg, bool present)
    {
        _buf.Append("%!").Append(char.ConvertFromUtf32(verb)).Append('(');
        if (present && arg is not null)
        {
            _buf.Append(GoValues.TypeName(arg)).Append('=');
            PrintArg(arg, 'v');
        }
        else
        {
            _buf.Append("<nil>");
        }

        _buf.Append(')');
    }

    private void PrintArg(object? arg, int verb)
    {
        if (arg is null)
        {
            if (verb is 'T' or 'v')
            {
                Pad("<nil>");
            }
            else
            {
                BadVerb(verb, null, false);
            }

            return;
        }

        if (verb == 'T')
        {
            Pad(Truncate(GoValues.TypeName(arg)));
            return;
        }

        PrintValue(arg, verb, 0);
    }

    private void PrintValue(object? value, int verb, int depth)
    {
        switch (value)
        {
            case null:
                // A nil inside a list or map prints as <nil> whatever the verb.
                Pad(Truncate("<nil>"));
                return;
            case bool b:
                if (verb is 't' or 'v')
                {
                    Pad(b ? "true" : "false");
                }
                else
                {
                    BadVerb(verb, value, true);
                }

                return;
            case long l:
                FormatIntegerVerb(l < 0 ? (ulong)-(l + 1) + 1 : (ulong)l, l < 0, verb, value);
                return;
            case byte u:
                FormatIntegerVerb(u, false, verb, value);
                return;
            case double d:
                FormatFloatVerb(d, verb, value);
                return;
            case Complex c:
                if (verb is 'v' or 'b' or 'g' or 'G' or 'x' or 'X' or 'f' or 'F' or 'e' or 'E')
                {
                    var oldPlus = _plus;
                    _buf.Append('(');
                    FormatFloatVerb(c.Real, verb, value);
                    _plus = true;
                    FormatFloatVerb(c.Imaginary, verb, value);
                    _buf.Append("i)");
                    _plus = oldPlus;
                }
                else
                {
                    BadVerb(verb, value, true);
                }

                return;
            case string s:
                FormatStringVerb(s, verb, value);
                return;
            case byte[] bytes:
                FormatBytes(bytes, verb, depth);
                return;
            case GoBigInt big:
                FormatBigInt(big.Value, verb);
                return;
            case GoList list:
                _buf.Append('[');
                for (var i = 0; i < list.Items.Count; i++)
                {
                    if (i > 0)
                    {
                        _buf.Append(' ');
                    }

                    PrintValue(list.Items[i], verb, depth + 1);
                }

                _buf.Append(']');
                return;
            case GoMap map:
                _buf.Append("map[");
                for (var i = 0; i < map.Entries.Count; i++)
                {
                    if (i > 0)
                    {
                        _buf.Append(' ');
                    }

                    PrintValue(map.Entries[i].Key, verb, depth + 1);
                    _buf.Append(':');
                    PrintValue(map.Entries[i].Value, verb, depth + 1);
                }

                _buf.Append(']');
                return;
            default:
                Pad(value.ToString() ?? "");
                return;
        }
    }

    private void FormatBytes(byte[] bytes, int verb, int depth)
    {
        switch (verb)
        {
            case 's':
                Pad(Truncate(Encoding.UTF8.GetString(bytes)));
                return;
            case 'q':
                FormatQuoted(Encoding.UTF8.GetString(bytes));
                return;
            case 'x' or 'X':
                FormatHex(bytes, verb == 'X');
                return;
        }

        _buf.Append('[');
        for (var i = 0; i < bytes.Length; i++)
        {
            if (i > 0)
            {
                _buf.Append(' ');
            }

            PrintValue(bytes[i], verb, depth + 1);
        }

        _buf.Append(']');
    }

    private void FormatStringVerb(string s, int verb, object value)
    {
        switch (verb)
        {
            case 'v' or 's':
                Pad(Truncate(s));
                return;
            case 'q':
                FormatQuoted(s);
                return;
            case 'x' or 'X':
                FormatHex(Encoding.UTF8.GetBytes(s), verb == 'X');
                return;
            default:
                BadVerb(verb, value, true);
                return;
        }
    }

    private void FormatQuoted(string s)
    {
        s = Truncate(s);
        if (_sharp && CanBackquote(s))
        {
            Pad("`" + s + "`");
            return;
        }

        Pad(GoQuote.Quote(s, _plus));
    }

    private static bool CanBackquote(string s) =>
        s.EnumerateRunes().All(r => r.Value != '`' && r.Value != '\uFEFF' && (r.Value == '\t' || (r.Value >= ' ' && r.Value != 0x7f)));

    private void FormatHex(byte[] b, bool upper)
    {
        var digits = upper ? "0123456789ABCDEFX" : "0123456789abcdefx";
        var length = b.Length;
        if (_precPresent && _prec < length)
        {
            length = _prec;
        }

        var width = 2 * length;
        if (width > 0)
        {
            if (_space)
            {
                if (_sharp)
                {
                    width *= 2;
                }

                width += length - 1;
            }
            else if (_sharp)
            {
                width += 2;
            }
        }
        else
        {
            if (_widPresent)
            {
                WritePadding(_wid);
            }

            return;
        }

        if (_widPresent && _wid > width && !_minus)
        {
            WritePadding(_wid - width);
        }

        if (_sharp)
        {
            _buf.Append('0').Append(digits[16]);
        }

        for (var i = 0; i < length; i++)
        {
            if (_space && i > 0)
            {
                _buf.Append(' ');
                if (_sharp)
                {
                    _buf.Append('0').Append(digits[16]);
                }
            }

            _buf.Append(digits[b[i] >> 4]).Append(digits[b[i] & 0xF]);
        }

        if (_widPresent && _wid > width && _minus)
        {
            WritePadding(_wid - width);
        }
    }

    private void FormatIntegerVerb(ulong u, bool negative, int verb, object value)
    {
        switch (verb)
        {
            case 'v' or 'd':
                FormatInteger(u, negative, 10, verb, false);
                return;
            case 'b':
                FormatInteger(u, negative, 2, verb, false);
                return;
            case 'o' or 'O':
                FormatInteger(u, negative, 8, verb, false);
                return;
            case 'x':
                FormatInteger(u, negative, 16, verb, false);
                return;
            case 'X':
                FormatInteger(u, negative, 16, verb, true);
                return;
            case 'c':
                Pad(Truncate(RuneText(negative ? -1 : (long)Math.Min(u, int.MaxValue))));
                return;
            case 'q':
                Pad(GoQuote.QuoteRune(negative || u > 0x10FFFF ? 0xFFFD : (int)u, _plus));
                return;
            case 'U':
                FormatUnicode(negative ? ulong.MaxValue - u + 1 : u);
                return;
            default:
                BadVerb(verb, value, true);
                return;
        }
    }

    private static string RuneText(long r) => r is >= 0 and <= 0x10FFFF && Rune.IsValid((int)r) ? new Rune((int)r).ToString() : "\uFFFD";

    private void FormatUnicode(ulong u)
    {
        var prec = 4;
        if (_precPresent && _prec > 4)
        {
            prec = _prec;
        }

        var s = "U+" + u.ToString("X", CultureInfo.InvariantCulture).PadLeft(prec, '0');
        if (_sharp && u <= 0x10FFFF && Rune.IsValid((int)u) && GoUnicode.IsPrint(new Rune((int)u)))
        {
            s += " '" + new Rune((int)u) + "'";
        }

        var oldZero = _zero;
        _zero = false;
        Pad(s);
        _zero = oldZero;
    }

    private void FormatInteger(ulong u, bool negative, int radix, int verb, bool upper)
    {
        var prec = 0;
        if (_precPresent)
        {
            prec = _prec;
            if (prec == 0 && u == 0)
            {
                var old = _zero;
                _zero = false;
                WritePadding(_wid);
                _zero = old;
                return;
            }
        }
        else if (_zero && _widPresent)
        {
            prec = _wid;
            if (negative || _plus || _space)
            {
                prec--;
            }
        }

        var digits = radix switch
        {
            10 => u.ToString(CultureInfo.InvariantCulture),
            16 => u.ToString(upper ? "X" : "x", CultureInfo.InvariantCulture),
            _ => ToRadix(u, radix),
        };
        var sb = new StringBuilder();
        if (digits.Length < prec)
        {
            sb.Append('0', prec - digits.Length);
        }

        sb.Append(digits);
        var prefix = "";
        if (_sharp)
        {
            prefix = radix switch
            {
                2 => "0b",
                8 when sb[0] != '0' => "0",
                16 => upper ? "0X" : "0x",
                _ => "",
            };
        }

        if (verb == 'O')
        {
            prefix = "0o";
        }

        var sign = negative ? "-" : _plus ? "+" : _space ? " " : "";
        var oldZero = _zero;
        _zero = false;
        Pad(sign + prefix + sb);
        _zero = oldZero;
    }

    private static string ToRadix(ulong u, int radix)
    {
        if (u == 0)
        {
            return "0";
        }

        var sb = new StringBuilder();
        while (u > 0)
        {
            sb.Insert(0, (char)('0' + (int)(u % (ulong)radix)));
            u /= (ulong)radix;
        }

        return sb.ToString();
    }

    private void FormatFloatVerb(double v, int verb, object value)
    {
        switch (verb)
        {
            case 'v':
                FormatFloat(v, 'g', -1);
                return;
            case 'g' or 'G':
                FormatFloat(v, (char)verb, -1);
                return;
            case 'f' or 'F' or 'e' or 'E':
                FormatFloat(v, verb == 'F' ? 'f' : (char)verb, 6);
                return;
            default:
                BadVerb(verb, value, true);
                return;
        }
    }

    private void FormatFloat(double v, char verb, int prec)
    {
        if (_precPresent)
        {
            prec = _prec;
        }

        var num = GoFloat.Format(v, verb, prec);
        num = num[0] is '-' or '+' ? num : "+" + num;
        if (_space && num[0] == '+' && !_plus)
        {
            num = " " + num[1..];
        }

        if (num[1] is 'I' or 'N')
        {
            var oldZero = _zero;
            _zero = false;
            if (num[1] == 'N' && !_space && !_plus)
            {
                num = num[1..];
            }

            Pad(num);
            _zero = oldZero;
            return;
        }

        if (_sharp)
        {
            num = SharpFloat(num, verb, prec);
        }

        if (_plus || num[0] != '+')
        {
            if (_zero && _widPresent && _wid > num.Length)
            {
                _buf.Append(num[0]);
                WritePadding(_wid - num.Length);
                _buf.Append(num, 1, num.Length - 1);
                return;
            }

            Pad(num);
            return;
        }

        Pad(num[1..]);
    }

    // '#' keeps the decimal point, and for %g the trailing zeros up to the precision.
    private static string SharpFloat(string num, char verb, int prec)
    {
        var digits = verb is 'g' or 'G' ? (prec < 0 ? 6 : prec) : 0;
        var ePos = num.IndexOfAny(['e', 'E']);
        var tail = ePos >= 0 ? num[ePos..] : "";
        var body = ePos >= 0 ? num[..ePos] : num;
        var sawDot = body.Contains('.', StringComparison.Ordinal);
        var sigDigits = 0;
        var started = false;
        foreach (var c in body[1..])
        {
            if (c is >= '0' and <= '9')
            {
                started |= c != '0';
                if (started)
                {
                    sigDigits++;
                }
            }
        }

        if (sigDigits == 0 && digits > 0)
        {
            sigDigits = 1;
        }

        if (!sawDot)
        {
            body += ".";
        }

        if (digits > sigDigits)
        {
            body += new string('0', digits - sigDigits);
        }

        return body + tail;
    }

    private void FormatBigInt(BigInteger x, int verb)
    {
        int radix;
        switch (verb)
        {
            case 'b': radix = 2; break;
            case 'o' or 'O': radix = 8; break;
            case 'd' or 's' or 'v': radix = 10; break;
            case 'x' or 'X': radix = 16; break;
            default:
                _buf.Append("%!").Append(char.ConvertFromUtf32(verb)).Append("(big.Int=").Append(x.ToString(CultureInfo.InvariantCulture)).Append(')');
                return;
        }

        var sign = x.Sign < 0 ? "-" : _plus ? "+" : _space ? " " : "";
        var prefix = "";
        if (_sharp)
        {
            prefix = verb switch
            {
                'b' => "0b",
                'o' => "0",
                'x' => "0x",
                'X' => "0X",
                _ => "",
            };
        }

        if (verb == 'O')
        {
            prefix = "0o";
        }

        var abs = BigInteger.Abs(x);
        var digits = radix switch
        {
            10 => abs.ToString(CultureInfo.InvariantCulture),
            16 => abs.ToString(verb == 'X' ? "X" : "x", CultureInfo.InvariantCulture).TrimStart('0'),
            _ => BigRadix(abs, radix),
        };
        if (digits.Length == 0)
        {
            digits = "0";
        }

        var zeros = 0;
        if (_precPresent)
        {
            if (digits.Length < _prec)
            {
                zeros = _prec - digits.Length;
            }
            else if (digits == "0" && _prec == 0)
            {
                return;
            }
        }

        var left = 0;
        var right = 0;
        var length = sign.Length + prefix.Length + zeros + digits.Length;
        if (_widPresent && length < _wid)
        {
            var d = _wid - length;
            if (_minus)
            {
                right = d;
            }
            else if (_zero && !_precPresent)
            {
                zeros = d;
            }
            else
            {
                left = d;
            }
        }

        _buf.Append(' ', left).Append(sign).Append(prefix).Append('0', zeros).Append(digits).Append(' ', right);
    }

    private static string BigRadix(BigInteger x, int radix)
    {
        if (x.IsZero)
        {
            return "0";
        }

        var sb = new StringBuilder();
        while (!x.IsZero)
        {
            sb.Insert(0, (char)('0' + (int)(x % radix)));
            x /= radix;
        }

        return sb.ToString();
    }
}
