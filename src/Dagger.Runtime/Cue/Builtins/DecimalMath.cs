using System.Numerics;

using Dagger.Runtime.Cue.Core;

namespace Dagger.Runtime.Cue.Builtins;

/// <summary>
/// The decimal functions of v0.4's math package (Exp, Log, Log10, Log2, Pow, Cbrt), which use the apd library's
/// General Decimal Arithmetic at 24 digits. Each reproduces apd's special cases, intermediate precisions and rounding
/// modes; the transcendental steps are computed correctly rounded, which apd's own iterations give in all but rare
/// near-tie cases.
/// </summary>
internal static class DecimalMath
{
    /// <summary>The precision of v0.4's math context.</summary>
    public const int Digits = 24;

    // apd's exponent limits (on the adjusted exponent).
    private const int MaxExponent = 100_000;

    private static readonly Lazy<CueDecimal> InvLn10 = new(() =>
    {
        // apd keeps 1/ln(10) rounded half up to 32 digits for 26-digit work.
        const int P = 256;
        var ln10 = FixedMath.Ln(new BigInteger(10) << P, P);
        return RoundFixed(FixedMath.Div(FixedMath.One(P), ln10, P), P, 1, 32, Rounding.HalfUp)!.Value;
    });

    /// <summary>How a result is rounded to its digits.</summary>
    public enum Rounding
    {
        HalfUp,
        HalfEven,
    }

    /// <summary>Natural logarithm at 24 digits, half up.</summary>
    public static CueDecimal Log(CueDecimal x) => Ln(x, Digits, Rounding.HalfUp);

    /// <summary>apd's Log10: ln at 26 digits times 1/ln(10) at 32 digits, rounded to 24 half even.</summary>
    public static CueDecimal Log10(CueDecimal x)
    {
        if (LogSpecial(x) is { } special)
        {
            return special;
        }

        var z = Ln(x, Digits + 2, Rounding.HalfEven);
        return RoundDigits(new CueDecimal(z.Coef * InvLn10.Value.Coef, z.Exp + InvLn10.Value.Exp), Digits, Rounding.HalfEven);
    }

    /// <summary>v0.4's Log2: ln(x) / ln(2), each rounded to 24 digits.</summary>
    public static CueDecimal Log2(CueDecimal x)
    {
        var d = Log(x);
        var ln2 = Log(CueDecimal.FromInt(2));
        return CueDecimal.Quo(d, ln2);
    }

    /// <summary>apd's Ln at <paramref name="digits"/> digits.</summary>
    public static CueDecimal Ln(CueDecimal x, int digits, Rounding mode)
    {
        if (LogSpecial(x) is { } special)
        {
            return special;
        }

        var (m, j) = Normalize(x);
        return Approximate(p =>
        {
            var ln = FixedMath.Ln(m(p), p) + (j * FixedMath.Ln(new BigInteger(10) << p, p));
            return (ln, new BigInteger((Math.Abs((long)j) + 8) * 64));
        }, digits, mode);
    }

    /// <summary>apd's Exp at <paramref name="digits"/> digits (its final rounding is half even).</summary>
    public static CueDecimal Exp(CueDecimal x, int digits = Digits)
    {
        if (x.IsZero)
        {
            return CueDecimal.FromInt(1);
        }

        // apd raises the working precision for large arguments, up to 1000 digits, and gives up beyond 23 per digit.
        var cp = digits;
        var abs = x.Sign < 0 ? -x : x;
        var f = abs.ToDouble();
        if (f / 23 > cp && f / 23 < 1000)
        {
            cp = (int)Math.Ceiling(f / 23);
        }

        if (abs > CueDecimal.FromInt(23L * cp))
        {
            throw new BuiltinException(x.Sign > 0 ? "overflow" : "underflow, subnormal");
        }

        if (abs <= new CueDecimal(9, -cp - 1))
        {
            return CueDecimal.FromInt(1);
        }

        // Hull and Abrham's method as apd runs it: r = x / 10^t with |r| < 1, a Taylor polynomial in r of a length
        // chosen in float64, evaluated by Horner's rule at p digits, then raised to the power 10^t. Every step rounds
        // half even, and the last digits depend on those steps, so they are reproduced rather than computed exactly.
        var t = Math.Max(0, x.Exp + DigitCount(x.Coef));
        var r = Quo(x, new CueDecimal(1, t), cp, Rounding.HalfEven);
        var p = cp + t + 2;
        var rf = Math.Abs(r.ToDouble());
        var nf = Math.Ceiling(((1.435 * p) - 1.182) / Math.Log10(p / rf));
        if (nf > 1000 || double.IsNaN(nf))
        {
            throw new BuiltinException("too many iterations");
        }

        var sum = CueDecimal.FromInt(1);
        for (var i = (int)nf - 1; i > 0; i--)
        {
            var term = Quo(r, CueDecimal.FromInt(i), p, Rounding.HalfEven);
            sum = RoundDigits(Multiply(term, sum), p, Rounding.HalfEven);
            sum = RoundDigits(Add(sum, CueDecimal.FromInt(1)), p, Rounding.HalfEven);
        }

        var power = IntegerPower(sum, BigInteger.Pow(10, t), p, Rounding.HalfEven);
        return RoundDigits(power, digits, Rounding.HalfEven);
    }

    /// <summary>apd's Pow at 24 digits: an integer power by squaring at 34 digits, times e^(frac(y) ln|x|).</summary>
    public static CueDecimal Pow(CueDecimal x, CueDecimal y)
    {
        var integ = Truncate(y);
        var frac = Add(y, -integ);
        var yIsInt = frac.IsZero;
        if (x.IsZero)
        {
            return y.Sign switch
            {
                0 => throw new BuiltinException("invalid operation"),
                > 0 => CueDecimal.Zero,
                _ => throw new BuiltinException("result is +Inf, which is not a number"),
            };
        }

        if (y.IsZero)
        {
            return CueDecimal.FromInt(1);
        }

        if (x.Sign < 0 && !yIsInt)
        {
            throw new BuiltinException("invalid operation");
        }

        var p = Math.Max(Digits, DigitCount(x.Coef)) + 10;
        var z = IntegerPower(x, integ.ToBigInteger(), p, Rounding.HalfUp);
        if (yIsInt)
        {
            return RoundDigits(z, Digits, Rounding.HalfUp);
        }

        var t = Ln(x.Sign < 0 ? -x : x, p, Rounding.HalfUp);
        t = RoundDigits(Multiply(t, frac), p, Rounding.HalfUp);
        t = Exp(t, p);
        return RoundDigits(Multiply(z, t), Digits, Rounding.HalfUp);
    }

    /// <summary>apd's Cbrt at 24 digits, half up; zero keeps a third of its exponent.</summary>
    public static CueDecimal Cbrt(CueDecimal x)
    {
        if (x.IsZero)
        {
            return new CueDecimal(BigInteger.Zero, x.Exp / 3);
        }

        // A floor cube root with 30 more digits than needed rounds the same way as the exact one.
        var coef = BigInteger.Abs(x.Coef);
        var t = Math.Max(CeilDiv(-x.Exp, 3), CeilDiv((3 * (Digits + 30)) - DigitCount(coef) - x.Exp, 3));
        var n = coef * BigInteger.Pow(10, x.Exp + (3 * t));
        var r = IntegerCbrt(n);
        var exact = r * r * r == n;

        // An inexact root lies above r, so a dropped half must round up: add a sticky digit.
        var d = exact ? new CueDecimal(r, -t) : new CueDecimal((r * 10) + 1, -t - 1);
        var rounded = RoundDigits(d, Digits, Rounding.HalfUp);
        return x.Sign < 0 ? -rounded : rounded;
    }

    /// <summary>x rounded to <paramref name="digits"/> significant digits.</summary>
    public static CueDecimal RoundDigits(CueDecimal x, int digits, Rounding mode)
    {
        var drop = DigitCount(x.Coef) - digits;
        if (drop <= 0)
        {
            return x;
        }

        var div = BigInteger.Pow(10, drop);
        var q = BigInteger.DivRem(BigInteger.Abs(x.Coef), div, out var rem);
        var twice = rem * 2;
        if (twice > div || (twice == div && (mode == Rounding.HalfUp || !q.IsEven)))
        {
            q += 1;
        }

        var exp = x.Exp + drop;
        if (DigitCount(q) > digits)
        {
            q /= 10;
            exp++;
        }

        return new CueDecimal(x.Sign < 0 ? -q : q, exp);
    }

    /// <summary>The number of decimal digits of |v| (1 for zero, as apd counts).</summary>
    public static int DigitCount(BigInteger v)
    {
        v = BigInteger.Abs(v);
        var n = (int)Math.Max(1, Math.Floor((double)(v.GetBitLength() - 1) * 0.30102999566398120) + 1);
        while (n > 1 && v < BigInteger.Pow(10, n - 1))
        {
            n--;
        }

        while (v >= BigInteger.Pow(10, n))
        {
            n++;
        }

        return n;
    }

    private static CueDecimal? LogSpecial(CueDecimal x)
    {
        if (x.Sign < 0)
        {
            throw new BuiltinException("invalid operation");
        }

        if (x.IsZero)
        {
            throw new BuiltinException("result is -Inf, which is not a number");
        }

        return x == CueDecimal.FromInt(1) ? CueDecimal.Zero : null;
    }

    // x = m × 10^j with m in [1, 10); m is given as a fixed-point function of the precision.
    private static (Func<int, BigInteger> M, int J) Normalize(CueDecimal x)
    {
        var n = DigitCount(x.Coef);
        return (p => FixedMath.FromDecimal(x.Coef, 1 - n, p), x.Exp + n - 1);
    }

    // Ziv's strategy: evaluate with more and more bits until both ends of the error interval round alike.
    private static CueDecimal Approximate(Func<int, (BigInteger Value, BigInteger Error)> f, int digits, Rounding mode)
    {
        for (var p = 192 + (4 * digits); ; p *= 2)
        {
            var (v, err) = f(p);
            if (RoundFixed(v, p, err, digits, mode) is { } d)
            {
                return d;
            }

            if (p > 1 << 20)
            {
                throw new BuiltinException("precision exhausted");
            }
        }
    }

    // v / 2^p rounded to digits, or null when v ± err round differently.
    private static CueDecimal? RoundFixed(BigInteger v, int p, BigInteger err, int digits, Rounding mode)
    {
        var lo = ToDigits(v - err, p, digits, mode);
        var hi = ToDigits(v + err, p, digits, mode);
        return lo is { } a && hi is { } b && a.Coef == b.Coef && a.Exp == b.Exp ? a : null;
    }

    private static CueDecimal? ToDigits(BigInteger v, int p, int digits, Rounding mode)
    {
        if (v.IsZero)
        {
            return null;
        }

        var a = BigInteger.Abs(v);
        var e10 = (int)Math.Floor(((double)a.GetBitLength() - p) * 0.30102999566398120) - digits;
        while (true)
        {
            var (num, den) = e10 <= 0 ? (a * BigInteger.Pow(10, -e10), BigInteger.One << p) : (a, (BigInteger.One << p) * BigInteger.Pow(10, e10));
            var q = BigInteger.DivRem(num, den, out var rem);
            var n = DigitCount(q);
            if (n != digits)
            {
                e10 += n - digits;
                continue;
            }

            var twice = rem * 2;
            if (twice > den || (twice == den && (mode == Rounding.HalfUp || !q.IsEven)))
            {
                q += 1;
                if (DigitCount(q) > digits)
                {
                    q /= 10;
                    e10++;
                }
            }

            return new CueDecimal(v.Sign < 0 ? -q : q, e10);
        }
    }

    private static CueDecimal Multiply(CueDecimal a, CueDecimal b) => new(a.Coef * b.Coef, a.Exp + b.Exp);

    // Exact: CueDecimal's + rounds to 24 digits.
    private static CueDecimal Add(CueDecimal a, CueDecimal b)
    {
        var e = Math.Min(a.Exp, b.Exp);
        return new CueDecimal((a.Coef * BigInteger.Pow(10, a.Exp - e)) + (b.Coef * BigInteger.Pow(10, b.Exp - e)), e);
    }

    private static CueDecimal Truncate(CueDecimal y) => y.Exp >= 0 ? y : CueDecimal.FromInt(y.ToBigInteger());

    // apd's integerPower: square and multiply at p digits (half up), then 1/z for a negative power; an adjusted
    // exponent beyond apd's limits is its "exponent out of range".
    private static CueDecimal IntegerPower(CueDecimal x, BigInteger y, int p, Rounding mode)
    {
        var neg = y.Sign < 0;
        var b = BigInteger.Abs(y);
        var n = x;
        var z = CueDecimal.FromInt(1);
        while (b.Sign > 0)
        {
            if (!b.IsEven)
            {
                z = CheckedRound(Multiply(z, n), p, mode);
            }

            b >>= 1;
            if (b.Sign > 0)
            {
                n = CheckedRound(Multiply(n, n), p, mode);
            }
        }

        return neg ? Quo(CueDecimal.FromInt(1), z, p, mode) : z;
    }

    private static CueDecimal CheckedRound(CueDecimal d, int p, Rounding mode)
    {
        var adj = (long)d.Exp + DigitCount(d.Coef) - 1;
        if (adj > MaxExponent || adj < -MaxExponent)
        {
            throw new BuiltinException("exponent out of range");
        }

        return RoundDigits(d, p, mode);
    }

    private static CueDecimal Quo(CueDecimal x, CueDecimal y, int p, Rounding mode) =>
        CueDecimal.Quo(x, y, p, halfEven: mode == Rounding.HalfEven);

    private static int CeilDiv(int a, int b) => (int)Math.Ceiling(a / (double)b);

    private static BigInteger IntegerCbrt(BigInteger n)
    {
        var r = BigInteger.One << (int)((n.GetBitLength() + 2) / 3);
        while (true)
        {
            var next = ((2 * r) + (n / (r * r))) / 3;
            if (next >= r)
            {
                break;
            }

            r = next;
        }

        while (r * r * r > n)
        {
            r--;
        }

        while ((r + 1) * (r + 1) * (r + 1) <= n)
        {
            r++;
        }

        return r;
    }
}
