using System.Globalization;
using System.Numerics;
using System.Text;
using Dagger.Runtime.Cue.Builtins.Go;
using Dagger.Runtime.Cue.Core;
using Dagger.Runtime.Cue.Syntax;
using static Dagger.Runtime.Cue.Builtins.PackageBuilder;

namespace Dagger.Runtime.Cue.Builtins;

/// <summary>The <c>strconv</c> package.</summary>
internal static class StrconvPackage
{
    private const Kind S = Kind.String;
    private const Kind I = Kind.Int;

    // Go's ParseInt/ParseUint: base 0 or 2..36, bit size 0 (64) up to 64, and the value must fit that many bits.
    private static BigInteger ParseIntText(string s, int b, int bitSize, bool unsigned, string fn)
    {
        if (b != 0 && (b < 2 || b > 36))
        {
            throw new BuiltinException($"strconv.{fn}: parsing {CueText.Quote(s)}: invalid base {b}");
        }

        if (bitSize == 0)
        {
            bitSize = 64;
        }
        else if (bitSize < 0 || bitSize > 64)
        {
            throw new BuiltinException($"strconv.{fn}: parsing {CueText.Quote(s)}: invalid bit size {bitSize}");
        }

        var v = ParseDigits(s, b, unsigned, fn);
        var max = unsigned ? (BigInteger.One << bitSize) - 1 : (BigInteger.One << (bitSize - 1)) - 1;
        var min = unsigned ? BigInteger.Zero : -(BigInteger.One << (bitSize - 1));
        if (v > max || v < min)
        {
            throw new BuiltinException($"strconv.{fn}: parsing {CueText.Quote(s)}: value out of range");
        }

        return v;
    }

    private static BigInteger ParseDigits(string s, int b, bool unsigned, string fn)
    {
        var text = s;
        var neg = false;
        if (!unsigned && (text.StartsWith('-') || text.StartsWith('+')))
        {
            neg = text[0] == '-';
            text = text[1..];
        }

        if (b == 0)
        {
            b = 10;
            if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                b = 16;
                text = text[2..];
            }
            else if (text.StartsWith("0o", StringComparison.OrdinalIgnoreCase))
            {
                b = 8;
                text = text[2..];
            }
            else if (text.StartsWith("0b", StringComparison.OrdinalIgnoreCase))
            {
                b = 2;
                text = text[2..];
            }
            else if (text.Length > 1 && text[0] == '0')
            {
                b = 8;
                text = text[1..];
            }

            text = text.Replace("_", "", StringComparison.Ordinal);
        }

        if (text.Length == 0)
        {
            throw new BuiltinException($"strconv.{fn}: parsing {CueText.Quote(s)}: invalid syntax");
        }

        var v = BigInteger.Zero;
        foreach (var ch in text)
        {
            var d = ch is >= '0' and <= '9' ? ch - '0' : ch is >= 'a' and <= 'z' ? ch - 'a' + 10 : ch is >= 'A' and <= 'Z' ? ch - 'A' + 10 : 99;
            if (d >= b)
            {
                throw new BuiltinException($"strconv.{fn}: parsing {CueText.Quote(s)}: invalid syntax");
            }

            v = v * b + d;
        }

        return neg ? -v : v;
    }

    // The reference converts the argument to Go's int64 or uint64 before the call.
    private static BigInteger Fit(BigInteger v, BigInteger min, BigInteger max, string type, string fn) =>
        v.Sign < 0 && min.IsZero ? throw new BuiltinException($"cannot use {v} (type int) as {type} in argument 0 to strconv.{fn}") { Form = BuiltinErrorForm.AsIs, Argument = 0 }
        : v < min || v > max ? throw new BuiltinException($"int {v} overflows {type} in argument 0 in call to strconv.{fn}")
        : v;

    private static string FormatInt(BigInteger v, int b)
    {
        if (b < 2 || b > 36)
        {
            throw new BuiltinException("strconv: illegal AppendInt/FormatInt base");
        }

        if (b == 10)
        {
            return v.ToString(CultureInfo.InvariantCulture);
        }

        if (v.IsZero)
        {
            return "0";
        }

        var neg = v.Sign < 0;
        v = BigInteger.Abs(v);
        var sb = new StringBuilder();
        while (!v.IsZero)
        {
            var d = (int)(v % b);
            sb.Insert(0, (char)(d < 10 ? '0' + d : 'a' + d - 10));
            v /= b;
        }

        return (neg ? "-" : "") + sb;
    }

    // Go's ParseFloat: the nearest float64 (or float32), underscores allowed, infinities and NaN rejected (the
    // reference cannot hold them as numbers), overflow an error.
    private static double ParseFloat(string s, int bitSize)
    {
        var text = s.Replace("_", "", StringComparison.Ordinal);
        var letters = text.TrimStart('+', '-');
        if (letters.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            var h = HexFloat(letters[2..]) ?? throw new BuiltinException($"strconv.ParseFloat: parsing {CueText.Quote(s)}: invalid syntax");
            h = text.StartsWith('-') ? -h : h;
            h = bitSize == 32 ? (float)h : h;
            return double.IsInfinity(h) ? throw new BuiltinException($"strconv.ParseFloat: parsing {CueText.Quote(s)}: value out of range") : h;
        }

        if (letters.StartsWith("inf", StringComparison.OrdinalIgnoreCase) || letters.StartsWith("nan", StringComparison.OrdinalIgnoreCase)
            || !double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var d))
        {
            throw new BuiltinException($"strconv.ParseFloat: parsing {CueText.Quote(s)}: invalid syntax");
        }

        if (bitSize == 32)
        {
            d = (float)d;
        }

        return double.IsInfinity(d) ? throw new BuiltinException($"strconv.ParseFloat: parsing {CueText.Quote(s)}: value out of range") : d;
    }

    // A hexadecimal mantissa (digits, at most one point) and its mandatory binary exponent (p±n), as Go reads
    // them after "0x": the mantissa is rounded to 53 bits half to even, then scaled; null when malformed.
    private static double? HexFloat(string s)
    {
        BigInteger m = 0;
        long exp = 0;
        var digits = 0;
        var dot = false;
        var i = 0;
        for (; i < s.Length && s[i] is not ('p' or 'P'); i++)
        {
            if (s[i] == '.' && !dot)
            {
                dot = true;
                continue;
            }

            if (!char.IsAsciiHexDigit(s[i]))
            {
                return null;
            }

            m = (m * 16) + Convert.ToInt32(s[i].ToString(), 16);
            digits++;
            exp -= dot ? 4 : 0;
        }

        if (digits == 0 || i >= s.Length - 1)
        {
            return null;
        }

        // The exponent saturates: beyond any double's range it only decides between zero and infinity.
        var e = s[(i + 1)..];
        var negative = e[0] == '-';
        e = e[0] is '+' or '-' ? e[1..] : e;
        if (e.Length == 0 || !e.All(char.IsAsciiDigit))
        {
            return null;
        }

        long p = 0;
        foreach (var ch in e)
        {
            p = Math.Min((p * 10) + (ch - '0'), 1_000_000);
        }

        p = negative ? -p : p;
        return SeriesMath.ScaleToDouble(m, exp + p);
    }

    // The shortest decimal that round-trips, as the reference reads Go's shortest %g text back: 100 stays 100, 1e10
    // becomes coefficient 1 and exponent 10 (printed 1E+10), 0.25 stays 0.25.
    private static string ShortestText(double d)
    {
        var r = d.ToString("R", CultureInfo.InvariantCulture);
        var sign = r.StartsWith('-') ? "-" : "";
        r = r.TrimStart('-');
        var e = r.IndexOfAny(['E', 'e']);
        var exp = e < 0 ? 0 : int.Parse(r[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? r : r[..e];
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            exp -= mantissa.Length - dot - 1;
            mantissa = mantissa.Remove(dot, 1);
        }

        mantissa = mantissa.TrimStart('0');
        if (mantissa.Length == 0)
        {
            return sign + "0";
        }

        var trimmed = mantissa.TrimEnd('0');
        exp += mantissa.Length - trimmed.Length;

        // Go's shortest %g writes digits out (no exponent) while the leading digit's power is in -4..5.
        var lead = exp + trimmed.Length - 1;
        if (exp > 0 && lead < 6)
        {
            return sign + trimmed + new string('0', exp);
        }

        return sign + trimmed + "E" + exp.ToString(CultureInfo.InvariantCulture);
    }

    private enum Printable
    {
        Print,
        Ascii,
        Graphic,
    }

    // A code point outside Unicode (or a surrogate) stands for U+FFFD, as in Go.
    private static Rune ToRune(BigInteger v) =>
        v >= 0 && v <= 0x10FFFF && Rune.IsValid((int)v) ? new Rune((int)v) : Rune.ReplacementChar;

    // Go's strconv quoting: what the mode deems printable stays, the rest becomes \a..\v, \xHH, \uhhhh or \U00hhhhhh.
    private static string GoQuote(IEnumerable<Rune> runes, char quote, Printable mode)
    {
        var sb = new StringBuilder().Append(quote);
        foreach (var r in runes)
        {
            var v = r.Value;
            if (v == quote || v == '\\')
            {
                sb.Append('\\').Append((char)v);
                continue;
            }

            var keep = mode switch
            {
                Printable.Ascii => v < 0x80 && GoUnicode.IsPrint(r),
                Printable.Graphic => GoUnicode.IsGraphic(r),
                _ => GoUnicode.IsPrint(r),
            };
            if (keep)
            {
                sb.Append(r.ToString());
                continue;
            }

            sb.Append(v switch
            {
                7 => "\\a",
                8 => "\\b",
                12 => "\\f",
                10 => "\\n",
                13 => "\\r",
                9 => "\\t",
                11 => "\\v",
                < ' ' => "\\x" + v.ToString("x2", CultureInfo.InvariantCulture),
                < 0x10000 => "\\u" + v.ToString("x4", CultureInfo.InvariantCulture),
                _ => "\\U" + v.ToString("x8", CultureInfo.InvariantCulture),
            });
        }

        return sb.Append(quote).ToString();
    }

    public static PackageValue Create() => new PackageBuilder("strconv")
        .Fn("Atoi", [S], I, c => Int(ParseIntText(c.Str(0), 10, 64, false, "Atoi")))
        .Fn("ParseInt", [S, I, I], I, c => Int(ParseIntText(c.Str(0), c.SmallInt(1), c.SmallInt(2), false, "ParseInt")))
        .Fn("ParseUint", [S, I, I], I, c => Int(ParseIntText(c.Str(0), c.SmallInt(1), c.SmallInt(2), true, "ParseUint")))
        .Fn("ParseBool", [S], Kind.Bool, c => c.Str(0) switch
        {
            "1" or "t" or "T" or "true" or "TRUE" or "True" => Bool(true),
            "0" or "f" or "F" or "false" or "FALSE" or "False" => Bool(false),
            var s => throw new BuiltinException($"strconv.ParseBool: parsing {CueText.Quote(s)}: invalid syntax"),
        })
        .Fn("FormatBool", [Kind.Bool], S, c => Str(c.Bool(0) ? "true" : "false"))
        .Fn("ParseFloat", [S, I], Kind.Float, c => new NumValue(CueDecimal.ParseDecimalText(ShortestText(ParseFloat(c.Str(0), c.SmallInt(1)))), false))
        .Fn("FormatInt", [I, I], S, c => Str(FormatInt(Fit(c.Int(0), long.MinValue, long.MaxValue, "int64", "FormatInt"), c.SmallInt(1))))
        .Fn("FormatUint", [I, I], S, c => Str(FormatInt(Fit(c.Int(0), ulong.MinValue, ulong.MaxValue, "uint64", "FormatUint"), c.SmallInt(1))))
        .Fn("FormatFloat", [Kind.Number, I, I, I], S, c =>
        {
            var f = c.Num(0).D.ToDouble();
            var fmt = (char)c.SmallInt(1);
            var prec = c.SmallInt(2);
            var s = fmt switch
            {
                'f' => prec < 0 ? f.ToString("R", CultureInfo.InvariantCulture) : f.ToString("F" + prec, CultureInfo.InvariantCulture),
                'e' => prec < 0 ? f.ToString("E", CultureInfo.InvariantCulture).ToLowerInvariant() : f.ToString("e" + prec, CultureInfo.InvariantCulture).Replace("e+0", "e+", StringComparison.Ordinal).Replace("e-0", "e-", StringComparison.Ordinal),
                _ => f.ToString(prec < 0 ? "R" : "G" + prec, CultureInfo.InvariantCulture),
            };
            return Str(s);
        })
        .Fn("Quote", [S], S, c => Str(GoQuote(c.Str(0).EnumerateRunes(), '"', Printable.Print)))
        .Fn("QuoteToASCII", [S], S, c => Str(GoQuote(c.Str(0).EnumerateRunes(), '"', Printable.Ascii)))
        .Fn("QuoteToGraphic", [S], S, c => Str(GoQuote(c.Str(0).EnumerateRunes(), '"', Printable.Graphic)))
        .Fn("QuoteRune", [I], S, c => Str(GoQuote([ToRune(c.Int(0))], '\'', Printable.Print)))
        .Fn("QuoteRuneToASCII", [I], S, c => Str(GoQuote([ToRune(c.Int(0))], '\'', Printable.Ascii)))
        .Fn("QuoteRuneToGraphic", [I], S, c => Str(GoQuote([ToRune(c.Int(0))], '\'', Printable.Graphic)))
        .Fn("IsPrint", [I], Kind.Bool, c => Bool(GoUnicode.IsPrint(ToRune(c.Int(0)))))
        .Fn("IsGraphic", [I], Kind.Bool, c => Bool(GoUnicode.IsGraphic(ToRune(c.Int(0)))))
        // v0.4's Unquote reads a CUE string or bytes literal (quotes, #-delimiters, multi-line), not a Go one.
        .Fn("Unquote", [S], S, c =>
        {
            var s = c.Str(0);
            if (s.Length >= 2 && (s[0] is '"' or '\'' or '#') && s[^1] == (s[0] == '#' ? '#' : s[0]))
            {
                try
                {
                    return Str(Syntax.StringLit.DecodeSimple(s, default));
                }
                catch (Syntax.CueSyntaxException)
                {
                }
            }

            throw new BuiltinException("invalid syntax");
        })
        .Const("IntSize", Int(64))
        .Build();
}
