using System.Numerics;

namespace Dagger.Runtime.Cue.Builtins;

/// <summary>
/// The error function and Bessel functions of the first kind, summed as power series in binary fixed point with
/// enough bits to absorb the series' cancellation, then rounded once to the nearest double. .NET has none of them;
/// a correctly rounded result is what Go's float64 algorithms give on all but rare inputs.
/// </summary>
internal static class SeriesMath
{
    // Beyond this magnitude Bessel series need too many bits; the leading term of the large-argument expansion is
    // used instead, which can differ from Go's refined expansion in the last digits.
    private const double SeriesLimit = 600;

    /// <summary>erf(x).</summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }

        // erf(6) is within a quarter ulp of 1, so every larger argument rounds to ±1.
        if (Math.Abs(x) >= 6)
        {
            return Math.Sign(x);
        }

        if (x == 0)
        {
            return x;
        }

        var p = Bits(x);
        return ToDouble(ErfFixed(x, p), p);
    }

    /// <summary>erfc(x) = 1 - erf(x), accurate where it is tiny.</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }

        if (x >= 28)
        {
            return 0;
        }

        if (x <= -6)
        {
            return 2;
        }

        var p = Bits(x);
        return ToDouble((BigInteger.One << p) - ErfFixed(x, p), p);
    }

    /// <summary>The Bessel function of the first kind of integer order <paramref name="n"/>.</summary>
    public static double J(int n, double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }

        if (n < 0)
        {
            // J(-n, x) = (-1)^n J(n, x).
            return (n % 2 == 0 ? 1 : -1) * J(-n, x);
        }

        if (x == 0)
        {
            return n == 0 ? 1 : 0;
        }

        if (double.IsInfinity(x))
        {
            return 0;
        }

        if (Math.Abs(x) > SeriesLimit)
        {
            return Math.Sqrt(2 / (Math.PI * Math.Abs(x))) * Math.Cos(Math.Abs(x) - (n * Math.PI / 2) - (Math.PI / 4)) * (x < 0 && n % 2 == 1 ? -1 : 1);
        }

        // Terms grow to about e^|x| before they shrink, so that many extra bits keep the sum exact enough.
        var p = 128 + (int)(Math.Abs(x) * 1.5) + (2 * n);
        var half = Fixed(x / 2, p);
        var halfSquared = Mul(half, half, p);

        // First term (x/2)^n / n!.
        var term = BigInteger.One << p;
        for (var i = 1; i <= n; i++)
        {
            term = Mul(term, half, p) / i;
        }

        var sum = term;
        for (var k = 1; !term.IsZero; k++)
        {
            term = -Mul(term, halfSquared, p) / (k * (long)(k + n));
            sum += term;
        }

        return ToDouble(sum, p);
    }

    // erf(x) scaled by 2^p: 2/sqrt(pi) * sum (-1)^n x^(2n+1) / (n! (2n+1)).
    private static BigInteger ErfFixed(double x, int p)
    {
        var fx = Fixed(x, p);
        var x2 = Mul(fx, fx, p);
        var term = fx;
        var sum = fx;
        for (var n = 1; !term.IsZero; n++)
        {
            term = -Mul(term, x2, p) / n;
            sum += term / ((2 * n) + 1);
        }

        return Mul(sum, TwoOverSqrtPi(p), p);
    }

    // Terms reach e^(x^2) before shrinking and erfc may be as small as e^(-x^2): twice that many bits, plus margin.
    private static int Bits(double x) => 192 + (int)(3 * x * x);

    private static BigInteger TwoOverSqrtPi(int p)
    {
        var pi = Pi(p + 8) >> 8;
        var sqrtPi = Sqrt(pi << p);
        return (BigInteger.One << ((2 * p) + 1)) / sqrtPi;
    }

    // Machin's formula: pi = 16 atan(1/5) - 4 atan(1/239).
    private static BigInteger Pi(int p) => (16 * AtanInverse(5, p)) - (4 * AtanInverse(239, p));

    private static BigInteger AtanInverse(int k, int p)
    {
        var power = (BigInteger.One << p) / k;
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

    private static BigInteger Sqrt(BigInteger v)
    {
        if (v.IsZero)
        {
            return v;
        }

        var r = BigInteger.One << (int)((v.GetBitLength() + 1) / 2);
        while (true)
        {
            var next = (r + (v / r)) >> 1;
            if (next >= r)
            {
                return r;
            }

            r = next;
        }
    }

    private static BigInteger Mul(BigInteger a, BigInteger b, int p) => (a * b) >> p;

    // The exact value of a double in fixed point (doubles are dyadic, so nothing is lost while p covers them).
    private static BigInteger Fixed(double x, int p)
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

    // Rounds v / 2^p to the nearest double, ties to even.
    private static double ToDouble(BigInteger v, int p)
    {
        var d = ScaleToDouble(BigInteger.Abs(v), -p);
        return v.Sign < 0 ? -d : d;
    }

    /// <summary>The double nearest to <paramref name="m"/> × 2^<paramref name="exp"/> (m ≥ 0), ties to even; an
    /// exponent beyond any double's range gives zero or infinity.</summary>
    internal static double ScaleToDouble(BigInteger m, long exp)
    {
        if (m.IsZero)
        {
            return 0;
        }

        var excess = (int)m.GetBitLength() - 53;
        if (excess > 0)
        {
            var rest = m & ((BigInteger.One << excess) - 1);
            var half = BigInteger.One << (excess - 1);
            m >>= excess;
            exp += excess;
            if (rest > half || (rest == half && !m.IsEven))
            {
                m += 1;
            }
        }

        return Math.ScaleB((double)m, (int)Math.Clamp(exp, -5000, 5000));
    }
}
