using System.Globalization;
using System.Numerics;
using System.Text;

using Dagger.Runtime.Cue.Core;

using static Dagger.Runtime.Cue.Builtins.PackageBuilder;

namespace Dagger.Runtime.Cue.Builtins;

/// <summary>The <c>strconv</c> package.</summary>
internal static class StrconvPackage
{
    private const Kind S = Kind.String;
    private const Kind I = Kind.Int;

    private static BigInteger ParseIntText(string s, int b, string fn)
    {
        var text = s;
        var neg = false;
        if (text.StartsWith('-') || text.StartsWith('+'))
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

    private static string FormatInt(BigInteger v, int b)
    {
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

    public static PackageValue Create() => new PackageBuilder("strconv")
        .Fn("Atoi", [S], I, c => Int(ParseIntText(c.Str(0), 10, "Atoi")))
        .Fn("Itoa", [I], S, c => Str(c.Int(0).ToString(CultureInfo.InvariantCulture)))
        .Fn("ParseInt", [S, I, I], I, c => Int(ParseIntText(c.Str(0), c.SmallInt(1), "ParseInt")))
        .Fn("ParseUint", [S, I, I], I, c => Int(ParseIntText(c.Str(0), c.SmallInt(1), "ParseUint")))
        .Fn("ParseBool", [S], Kind.Bool, c => c.Str(0) switch
        {
            "1" or "t" or "T" or "true" or "TRUE" or "True" => Bool(true),
            "0" or "f" or "F" or "false" or "FALSE" or "False" => Bool(false),
            var s => throw new BuiltinException($"strconv.ParseBool: parsing {CueText.Quote(s)}: invalid syntax"),
        })
        .Fn("FormatBool", [Kind.Bool], S, c => Str(c.Bool(0) ? "true" : "false"))
        .Fn("ParseFloat", [S, I], Kind.Float, c =>
        {
            var s = c.Str(0);
            if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                throw new BuiltinException($"strconv.ParseFloat: parsing {CueText.Quote(s)}: invalid syntax");
            }

            return new NumValue(CueDecimal.ParseDecimalText(s), false);
        })
        .Fn("FormatInt", [I, I], S, c => Str(FormatInt(c.Int(0), c.SmallInt(1))))
        .Fn("FormatUint", [I, I], S, c => Str(FormatInt(c.Int(0), c.SmallInt(1))))
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
        .Fn("Quote", [S], S, c => Str(CueText.Quote(c.Str(0))))
        .Fn("QuoteToASCII", [S], S, c => Str(CueText.Quote(c.Str(0))))
        .Fn("QuoteToGraphic", [S], S, c => Str(CueText.Quote(c.Str(0))))
        .Fn("Unquote", [S], S, c =>
        {
            var s = c.Str(0);
            if (s.Length >= 2 && ((s[0] == '"' && s[^1] == '"') || (s[0] == '`' && s[^1] == '`')))
            {
                if (s[0] == '`')
                {
                    return Str(s[1..^1]);
                }

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
