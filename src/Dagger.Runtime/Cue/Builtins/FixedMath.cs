using System.Numerics;

namespace Dagger.Runtime.Cue.Builtins;

/// <summary>
/// Logarithms and constants on binary fixed-point numbers: a <see cref="BigInteger"/> v stands for v / 2^p. Results
/// are accurate to a few units of 2^-p (more for large logarithms), which callers widen into an error interval
/// before rounding.
/// </summary>
internal static class FixedMath
{
    public static BigInteger Mul(BigInteger a, BigInteger b, int p) => (a * b) >> p;

    public static BigInteger Div(BigInteger a, BigInteger b, int p) => (a << p) / b;

    public static BigInteger One(int p) => BigInteger.One << p;

    /// <summary>The exact value of a finite double (doubles are dyadic, so nothing is lost while p covers them).</summary>
    public static BigInteger FromDouble(double x, int p)
    {
        var bits = BitConverter.DoubleToInt64Bits(x);
        var exp = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exp == 0)
        {
            exp = 1;
        }
        else
        {
            mantissa |= 1L << 52;
        }

        var shift = exp - 1075 + p;
        var v = shift >= 0 ? new BigInteger(mantissa) << shift : new BigInteger(mantissa) >> -shift;
        return x < 0 ? -v : v;
    }

    /// <summary>coef × 10^exp in fixed point, truncated toward zero.</summary>
    public static BigInteger FromDecimal(BigInteger coef, int exp, int p) =>
        exp >= 0 ? (coef * BigInteger.Pow(10, exp)) << p : (coef << p) / BigInteger.Pow(10, -exp);

    /// <summary>ln 2 = 2 atanh(1/3).</summary>
    public static BigInteger Ln2(int p) => 2 * AtanhInverse(3, p);

    /// <summary>ln(v) for v &gt; 0; the error grows with |ln v| / ln 2 units.</summary>
    public static BigInteger Ln(BigInteger v, int p)
    {
        // v = r × 2^k with r in [1, 2), so (r - 1) / (r + 1) ≤ 1/3 and the atanh series converges fast.
        var g = p + 16;
        var k = (int)v.GetBitLength() - 1 - p;
        var r = k >= 0 ? (v << 16) >> k : v << (16 - k);
        var t = Div(r - One(g), r + One(g), g);
        var t2 = Mul(t, t, g);
        var sum = t;
        var power = t;
        for (var n = 1; !power.IsZero; n++)
        {
            power = Mul(power, t2, g);
            sum += power / ((2 * n) + 1);
        }

        return ((2 * sum) + (k * Ln2(g))) >> 16;
    }

    /// <summary>π by Machin's formula, 16 atan(1/5) - 4 atan(1/239).</summary>
    public static BigInteger Pi(int p) => ((16 * AtanInverse(5, p + 8)) - (4 * AtanInverse(239, p + 8))) >> 8;

    /// <summary>
    /// Euler's constant γ by the Brent–McMillan formula: with a = Σ (m^k/k!)² H_k and b = Σ (m^k/k!)²,
    /// γ = a/b - ln m, up to an error of about e^(-4m).
    /// </summary>
    public static BigInteger EulerGamma(int p)
    {
        var g = p + 32;
        var m = (p / 5) + 8;
        var mm = (long)m * m;
        var term = One(g);
        var harmonic = BigInteger.Zero;
        var a = BigInteger.Zero;
        var b = term;
        for (var k = 1; !term.IsZero; k++)
        {
            term = term * mm / ((long)k * k);
            harmonic += One(g) / k;
            a += Mul(term, harmonic, g);
            b += term;
        }

        return (Div(a, b, g) - Ln(new BigInteger(m) << g, g)) >> 32;
    }

    private static BigInteger AtanhInverse(int k, int p)
    {
        var power = One(p) / k;
        var sum = power;
        var k2 = k * k;
        for (var n = 1; !power.IsZero; n++)
        {
            power /= k2;
            sum += power / ((2 * n) + 1);
        }

        return sum;
    }

    private static BigInteger AtanInverse(int k, int p)
    {
        var power = One(p) / k;
        var sum = power;
        var k2 = k * k;
        for (var n = 1; !power.IsZero; n++)
        {
            power /= k2;
            var t = power / ((2 * n) + 1);
            sum += n % 2 == 1 ? -t : t;
        }

        return sum;
    }
}
