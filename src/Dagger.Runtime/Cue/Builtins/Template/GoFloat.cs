using System.Globalization;
using System.Numerics;
using System.Text;

namespace Dagger.Runtime.Cue.Builtins.Template;

/// <summary>
/// Go's strconv.FormatFloat for 64-bit floats in the 'e', 'E', 'f', 'g' and 'G' formats: shortest digits when
/// the precision is -1, otherwise the exact binary value rounded half to even, with Go's layout of exponents.
/// </summary>
internal static class GoFloat
{
    public static string Format(double v, char fmt, int prec)
    {
        if (double.IsNaN(v))
        {
            return "NaN";
        }

        if (double.IsInfinity(v))
        {
            return v > 0 ? "+Inf" : "-Inf";
        }

        var neg = v < 0 || (v == 0 && double.IsNegative(v));
        var shortest = prec < 0;
        string digits;
        int dp;
        if (shortest)
        {
            (digits, dp) = Shortest(Math.Abs(v));
            prec = char.ToLowerInvariant(fmt) switch
            {
                'e' => Math.Max(digits.Length - 1, 0),
                'f' => Math.Max(digits.Length - dp, 0),
                _ => digits.Length,
            };
        }
        else
        {
            (digits, dp) = Exact(Math.Abs(v));
            var keep = char.ToLowerInvariant(fmt) switch
            {
                'e' => prec + 1,
                'f' => dp + prec,
                _ => prec == 0 ? 1 : prec,
            };
            if (char.ToLowerInvariant(fmt) == 'g' && prec == 0)
            {
                prec = 1;
            }

            (digits, dp) = Round(digits, dp, keep);
        }

        var sb = new StringBuilder();
        if (neg)
        {
            sb.Append('-');
        }

        switch (fmt)
        {
            case 'e' or 'E':
                FormatE(sb, digits, dp, prec, fmt);
                break;
            case 'f':
                FormatF(sb, digits, dp, prec);
                break;
            default:
                {
                    var eprec = prec;
                    if (eprec > digits.Length && digits.Length >= dp)
                    {
                        eprec = digits.Length;
                    }

                    if (shortest)
                    {
                        eprec = 6;
                    }

                    var exp = dp - 1;
                    if (exp < -4 || exp >= eprec)
                    {
                        if (prec > digits.Length)
                        {
                            prec = digits.Length;
                        }

                        FormatE(sb, digits, dp, prec - 1, fmt == 'g' ? 'e' : 'E');
                    }
                    else
                    {
                        if (prec > dp)
                        {
                            prec = digits.Length;
                        }

                        FormatF(sb, digits, dp, Math.Max(prec - dp, 0));
                    }

                    break;
                }
        }

        return sb.ToString();
    }

    // The shortest digits that read back as v (what .NET's round-trip format gives), and the decimal point.
    private static (string Digits, int Dp) Shortest(double v)
    {
        if (v == 0)
        {
            return ("", 0);
        }

        var r = v.ToString("R", CultureInfo.InvariantCulture);
        var ePos = r.IndexOf('E', StringComparison.Ordinal);
        var mantissa = ePos < 0 ? r : r[..ePos];
        var exp = ePos < 0 ? 0 : int.Parse(r[(ePos + 1)..], CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot < 0 ? mantissa : mantissa[..dot];
        var digits = mantissa.Replace(".", "", StringComparison.Ordinal);
        var dp = intPart.Length + exp;
        var lead = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        return (digits, dp - lead);
    }

    // Every decimal digit of the binary value.
    private static (string Digits, int Dp) Exact(double v)
    {
        if (v == 0)
        {
            return ("", 0);
        }

        var bits = BitConverter.DoubleToInt64Bits(v);
        var exp = (int)((bits >> 52) & 0x7FF);
        var mant = bits & 0xFFFFFFFFFFFFFL;
        if (exp == 0)
        {
            exp = 1;
        }
        else
        {
            mant |= 1L << 52;
        }

        exp -= 1075;
        string digits;
        int dp;
        if (exp >= 0)
        {
            digits = (new BigInteger(mant) << exp).ToString(CultureInfo.InvariantCulture);
            dp = digits.Length;
        }
        else
        {
            digits = (new BigInteger(mant) * BigInteger.Pow(5, -exp)).ToString(CultureInfo.InvariantCulture);
            dp = digits.Length + exp;
        }

        var trimmed = digits.TrimEnd('0');
        return (trimmed, dp);
    }

    // Go's decimal rounding to nd digits: half to even only when the rest is exactly one half.
    private static (string Digits, int Dp) Round(string digits, int dp, int nd)
    {
        if (nd < 0 || nd >= digits.Length)
        {
            return (digits, dp);
        }

        bool up;
        if (digits[nd] == '5' && nd + 1 == digits.Length)
        {
            up = nd > 0 && (digits[nd - 1] - '0') % 2 == 1;
        }
        else
        {
            up = digits[nd] >= '5';
        }

        if (!up)
        {
            return (digits[..nd].TrimEnd('0'), dp);
        }

        var i = nd - 1;
        while (i >= 0 && digits[i] == '9')
        {
            i--;
        }

        if (i < 0)
        {
            return ("1", dp + 1);
        }

        return (digits[..i] + (char)(digits[i] + 1), dp);
    }

    private static void FormatE(StringBuilder sb, string digits, int dp, int prec, char e)
    {
        sb.Append(digits.Length == 0 ? '0' : digits[0]);
        if (prec > 0)
        {
            sb.Append('.');
            var m = Math.Min(digits.Length, prec + 1);
            if (m > 1)
            {
                sb.Append(digits, 1, m - 1);
            }

            sb.Append('0', prec - Math.Max(m - 1, 0));
        }

        sb.Append(e);
        var exp = digits.Length == 0 ? 0 : dp - 1;
        sb.Append(exp < 0 ? '-' : '+');
        exp = Math.Abs(exp);
        sb.Append(exp < 10 ? "0" + Lexer.Invariant(exp) : Lexer.Invariant(exp));
    }

    private static void FormatF(StringBuilder sb, string digits, int dp, int prec)
    {
        if (dp > 0)
        {
            var m = Math.Min(digits.Length, dp);
            sb.Append(digits, 0, m).Append('0', dp - m);
        }
        else
        {
            sb.Append('0');
        }

        if (prec > 0)
        {
            sb.Append('.');
            for (var i = 1; i <= prec; i++)
            {
                var j = dp + i - 1;
                sb.Append(j >= 0 && j < digits.Length ? digits[j] : '0');
            }
        }
    }
}
