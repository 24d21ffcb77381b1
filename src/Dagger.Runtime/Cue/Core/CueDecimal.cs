using System.Globalization;
using System.Numerics;
using System.Text;

namespace Dagger.Runtime.Cue.Core;

/// <summary>
/// A decimal number as CUE keeps it: an exact coefficient and a base-10 exponent. Arithmetic rounds to 24
/// significant digits, half up, and results are not normalised, matching the reference implementation's text.
/// </summary>
internal readonly struct CueDecimal : IEquatable<CueDecimal>, IComparable<CueDecimal>
{
    public const int Precision = 24;

    private static readonly BigInteger Ten = 10;

    public CueDecimal(BigInteger coef, int exp)
    {
        Coef = coef;
        Exp = exp;
    }

    private CueDecimal(int exp, bool negativeZero)
    {
        Coef = BigInteger.Zero;
        Exp = exp;
        NegativeZero = negativeZero;
    }

    public BigInteger Coef { get; }

    public int Exp { get; }

    /// <summary>A zero with a minus sign, as apd makes it (<c>-1 * 0</c>): equal to zero, printed as <c>-0</c>.</summary>
    public bool NegativeZero { get; }

    /// <summary>Below zero, or a negative zero: the sign apd's rules combine.</summary>
    private bool SignBit => Coef.Sign < 0 || NegativeZero;

    public bool IsZero => Coef.IsZero;

    public int Sign => Coef.Sign;

    public static CueDecimal FromInt(BigInteger v) => new(v, 0);

    public static CueDecimal Zero => new(BigInteger.Zero, 0);

    /// <summary>True when the value has no fractional part.</summary>
    public bool IsInteger
    {
        get
        {
            if (Exp >= 0 || Coef.IsZero)
            {
                return true;
            }

            return (Coef % BigInteger.Pow(Ten, -Exp)).IsZero;
        }
    }

    /// <summary>The value as an integer, truncating any fraction.</summary>
    public BigInteger ToBigInteger() => Exp >= 0 ? Coef * BigInteger.Pow(Ten, Exp) : BigInteger.Divide(Coef, BigInteger.Pow(Ten, -Exp));

    public double ToDouble() => double.Parse(ToString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    public static CueDecimal FromDouble(double d)
    {
        var s = d.ToString("R", CultureInfo.InvariantCulture);
        return ParseDecimalText(s);
    }

    /// <summary>Parses decimal text such as <c>1.50</c>, <c>-2e3</c>.</summary>
    public static CueDecimal ParseDecimalText(string s)
    {
        var neg = false;
        var i = 0;
        if (s.StartsWith('-'))
        {
            neg = true;
            i = 1;
        }
        else if (s.StartsWith('+'))
        {
            i = 1;
        }

        var digits = new StringBuilder();
        var exp = 0;
        var seenDot = false;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '_')
            {
                continue;
            }

            if (c == '.')
            {
                seenDot = true;
                continue;
            }

            if (c is 'e' or 'E')
            {
                exp += int.Parse(s.AsSpan(i + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                break;
            }

            digits.Append(c);
            if (seenDot)
            {
                exp--;
            }
        }

        var coef = digits.Length == 0 ? BigInteger.Zero : BigInteger.Parse(digits.ToString(), CultureInfo.InvariantCulture);
        return new CueDecimal(neg ? -coef : coef, exp);
    }

    /// <summary>Parses a CUE number literal; <paramref name="isInt"/> tells the kind.</summary>
    public static CueDecimal ParseLiteral(string text, out bool isInt)
    {
        text = text.Replace("_", "", StringComparison.Ordinal);
        isInt = true;
        if (text.Length > 2 && text[0] == '0' && char.IsLetter(text[1]))
        {
            var radix = char.ToLowerInvariant(text[1]) switch { 'x' => 16, 'o' => 8, _ => 2 };
            var v = BigInteger.Zero;
            foreach (var c in text.AsSpan(2))
            {
                v = v * radix + Convert.ToInt32(c.ToString(), 16);
            }

            return new CueDecimal(v, 0);
        }

        var mult = BigInteger.One;
        var last = text[^1];
        var bin = last == 'i';
        if (bin)
        {
            last = text[^2];
        }

        var si = "KMGTPEZY".IndexOf(last, StringComparison.Ordinal);
        if (si >= 0)
        {
            mult = BigInteger.Pow(bin ? 1024 : 1000, si + 1);
            text = text[..^(bin ? 2 : 1)];
            var d = ParseDecimalText(text);
            var scaled = d * new CueDecimal(mult, 0);
            if (!scaled.IsInteger)
            {
                throw new FormatException($"invalid number {text}: not an integer after multiplier");
            }

            return new CueDecimal(scaled.ToBigInteger(), 0);
        }

        var r = ParseDecimalText(text);
        isInt = !text.Contains('.') && !text.Contains('e') && !text.Contains('E');
        return r;
    }

    private static int DigitCount(BigInteger v)
    {
        v = BigInteger.Abs(v);
        if (v.IsZero)
        {
            return 1;
        }

        var n = (int)Math.Floor(BigInteger.Log10(v)) + 1;
        var p = BigInteger.Pow(Ten, n - 1);
        if (v < p)
        {
            n--;
        }
        else if (v >= p * 10)
        {
            n++;
        }

        return n;
    }

    /// <summary>Rounds to <see cref="Precision"/> significant digits, half away from zero.</summary>
    public CueDecimal Round()
    {
        var n = DigitCount(Coef);
        if (n <= Precision)
        {
            return this;
        }

        var drop = n - Precision;
        var div = BigInteger.Pow(Ten, drop);
        var q = BigInteger.DivRem(BigInteger.Abs(Coef), div, out var rem);
        if (rem * 2 >= div)
        {
            q += 1;
        }

        var exp = Exp + drop;
        if (DigitCount(q) > Precision)
        {
            q /= 10;
            exp++;
        }

        return new CueDecimal(Coef.Sign < 0 ? -q : q, exp);
    }

    public static CueDecimal operator +(CueDecimal a, CueDecimal b)
    {
        var e = Math.Min(a.Exp, b.Exp);
        var c = a.Coef * BigInteger.Pow(Ten, a.Exp - e) + b.Coef * BigInteger.Pow(Ten, b.Exp - e);

        // An exact zero sum is negative only when both operands are (-0 + -0), as in apd.
        return c.IsZero ? new CueDecimal(e, a.SignBit && b.SignBit) : new CueDecimal(c, e).Round();
    }

    public static CueDecimal operator -(CueDecimal a) => a.IsZero ? new(a.Exp, !a.NegativeZero) : new(-a.Coef, a.Exp);

    public static CueDecimal operator -(CueDecimal a, CueDecimal b) => a + -b;

    public static CueDecimal operator *(CueDecimal a, CueDecimal b)
    {
        var c = a.Coef * b.Coef;
        return c.IsZero ? new CueDecimal(a.Exp + b.Exp, a.SignBit != b.SignBit) : new CueDecimal(c, a.Exp + b.Exp).Round();
    }

    /// <summary>Division as the General Decimal Arithmetic specification defines it, at 24 digits.</summary>
    public static CueDecimal Quo(CueDecimal x, CueDecimal y)
    {
        if (y.IsZero)
        {
            throw new DivideByZeroException();
        }

        var q = Quo(x, y, Precision, halfEven: false);
        return q.IsZero ? new CueDecimal(q.Exp, x.SignBit != y.SignBit) : q;
    }

    /// <summary>
    /// apd's long division to <paramref name="precision"/> digits, rounded half up or half even: an exact quotient
    /// stops as soon as it reaches the ideal exponent. <paramref name="y"/> is not zero.
    /// </summary>
    internal static CueDecimal Quo(CueDecimal x, CueDecimal y, int precision, bool halfEven)
    {
        var dividend = BigInteger.Abs(x.Coef);
        var divisor = BigInteger.Abs(y.Coef);
        if (dividend.IsZero)
        {
            return new CueDecimal(BigInteger.Zero, x.Exp - y.Exp);
        }

        var adjust = 0;
        while (dividend < divisor)
        {
            dividend *= 10;
            adjust++;
        }

        while (dividend >= divisor * 10)
        {
            divisor *= 10;
            adjust--;
        }

        var q = BigInteger.Zero;
        while (true)
        {
            while (divisor <= dividend)
            {
                dividend -= divisor;
                q += 1;
            }

            if ((dividend.IsZero && adjust >= 0) || DigitCount(q) == precision)
            {
                break;
            }

            q *= 10;
            dividend *= 10;
            adjust++;
        }

        var exp = x.Exp - y.Exp - adjust;
        var twice = dividend * 2;
        if (!dividend.IsZero && (twice > divisor || (twice == divisor && (!halfEven || !q.IsEven))))
        {
            q += 1;
            if (DigitCount(q) > precision)
            {
                q /= 10;
                exp++;
            }
        }

        return new CueDecimal(x.Sign * y.Sign < 0 ? -q : q, exp);
    }

    public int CompareTo(CueDecimal other)
    {
        var e = Math.Min(Exp, other.Exp);
        var a = Coef * BigInteger.Pow(Ten, Exp - e);
        var b = other.Coef * BigInteger.Pow(Ten, other.Exp - e);
        return a.CompareTo(b);
    }

    public bool Equals(CueDecimal other) => CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is CueDecimal d && Equals(d);

    public override int GetHashCode() => ToBigInteger().GetHashCode();

    public static bool operator ==(CueDecimal a, CueDecimal b) => a.Equals(b);

    public static bool operator !=(CueDecimal a, CueDecimal b) => !a.Equals(b);

    public static bool operator <(CueDecimal a, CueDecimal b) => a.CompareTo(b) < 0;

    public static bool operator >(CueDecimal a, CueDecimal b) => a.CompareTo(b) > 0;

    public static bool operator <=(CueDecimal a, CueDecimal b) => a.CompareTo(b) <= 0;

    public static bool operator >=(CueDecimal a, CueDecimal b) => a.CompareTo(b) >= 0;

    /// <summary>The text CUE uses in JSON and interpolation.</summary>
    public override string ToString()
    {
        var digits = BigInteger.Abs(Coef).ToString(CultureInfo.InvariantCulture);
        var adj = Exp + digits.Length - 1;
        var sb = new StringBuilder();
        if (SignBit)
        {
            sb.Append('-');
        }

        if (Exp <= 0 && adj >= -6)
        {
            if (Exp == 0)
            {
                sb.Append(digits);
            }
            else if (digits.Length > -Exp)
            {
                sb.Append(digits, 0, digits.Length + Exp).Append('.').Append(digits, digits.Length + Exp, -Exp);
            }
            else
            {
                sb.Append("0.").Append('0', -Exp - digits.Length).Append(digits);
            }

            return sb.ToString();
        }

        sb.Append(digits[0]);
        if (digits.Length > 1)
        {
            sb.Append('.').Append(digits, 1, digits.Length - 1);
        }

        sb.Append('E').Append(adj >= 0 ? '+' : '-').Append(Math.Abs(adj));
        return sb.ToString();
    }
}
