using System.Numerics;

namespace Dagger.Runtime.Cue.Builtins;

/// <summary>
/// Bessel functions of the first and second kind, summed as power series in binary fixed point with enough bits to
/// absorb the series' cancellation, then rounded once to the nearest double. .NET has none of them; Go's fdlibm
/// approximations are within a few ulps of these correctly rounded values but not always equal to them.
/// </summary>
internal static class SeriesMath
{
    // Beyond this magnitude Bessel series need too many bits; the leading term of the large-argument expansion is
    // used instead, which can differ from Go's refined expansion in the last digits.
    private const double SeriesLimit = 600;

    // Above this order and below SeriesLimit, J_n underflows and Y_n overflows.
    private const int HugeOrder = 10_000;

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

        if (n > HugeOrder && Math.Abs(x) < SeriesLimit)
        {
            // (x/2)^n / n! is far below the smallest double; the series would only spend time finding that out.
            return 0;
        }

        if (Math.Abs(x) > SeriesLimit)
        {
            return Math.Sqrt(2 / (Math.PI * Math.Abs(x))) * Math.Cos(Math.Abs(x) - (n * Math.PI / 2) - (Math.PI / 4)) * (x < 0 && n % 2 == 1 ? -1 : 1);
        }

        // Terms grow to about e^|x| before they shrink, so that many extra bits keep the sum exact enough.
        var p = 128 + (int)(Math.Abs(x) * 1.5) + (2 * n);
        var (j, _) = BesselSeries(n, FixedMath.FromDouble(x / 2, p), p, false);
        return ToDouble(j, p);
    }

    /// <summary>The Bessel function of the second kind of integer order <paramref name="n"/>.</summary>
    public static double Y(int n, double x)
    {
        if (double.IsNaN(x) || x < 0)
        {
            return double.NaN;
        }

        if (n < 0)
        {
            // Y(-n, x) = (-1)^n Y(n, x).
            return (n % 2 == 0 ? 1 : -1) * Y(-n, x);
        }

        if (x == 0)
        {
            return double.NegativeInfinity;
        }

        if (double.IsInfinity(x))
        {
            return 0;
        }

        if (n > HugeOrder && x < SeriesLimit)
        {
            // Y_n(x) grows like -(n-1)! (2/x)^n, far beyond the largest double.
            return double.NegativeInfinity;
        }

        if (x > SeriesLimit)
        {
            return Math.Sqrt(2 / (Math.PI * x)) * Math.Sin(x - (n * Math.PI / 2) - (Math.PI / 4));
        }

        // Small arguments make (x/2)^-n huge: their leading zero bits come on top of the cancellation margin.
        var p = 128 + (int)(x * 1.5) + (2 * n) + Math.Max(0, -Math.ILogB(x) * 2);
        var h = FixedMath.FromDouble(x / 2, p);
        var (j, s2) = BesselSeries(n, h, p, true);

        // S1 = sum over k < n of (n-k-1)!/k! h^(2k-n).
        var s1 = BigInteger.Zero;
        if (n > 0)
        {
            var inverse = FixedMath.Div(FixedMath.One(p), h, p);
            var a = FixedMath.One(p);
            for (var i = 0; i < n; i++)
            {
                a = FixedMath.Mul(a, inverse, p);
            }

            for (var i = 2; i < n; i++)
            {
                a *= i;
            }

            var h2 = FixedMath.Mul(h, h, p);
            for (var k = 0; k < n; k++)
            {
                s1 += a;
                if (k + 1 < n)
                {
                    a = FixedMath.Mul(a, h2, p) / ((long)(n - k - 1) * (k + 1));
                }
            }
        }

        var sum = (2 * FixedMath.Mul(FixedMath.Ln(h, p), j, p)) - s1 - s2;
        return ToDouble(FixedMath.Div(sum, FixedMath.Pi(p), p), p);
    }

    // J_n = sum of t_k = (-h²)^k h^n / (k! (n+k)!) with h = x/2; with psi, also the sum of t_k (ψ(k+1) + ψ(n+k+1))
    // (ψ(m+1) = H_m - γ) that the series of Y_n needs.
    private static (BigInteger J, BigInteger Psi) BesselSeries(int n, BigInteger h, int p, bool psi)
    {
        var h2 = FixedMath.Mul(h, h, p);
        var term = FixedMath.One(p);
        for (var i = 1; i <= n; i++)
        {
            term = FixedMath.Mul(term, h, p) / i;
        }

        var gamma2 = psi ? 2 * FixedMath.EulerGamma(p) : BigInteger.Zero;
        var hk = BigInteger.Zero;
        var hnk = BigInteger.Zero;
        for (var i = 1; psi && i <= n; i++)
        {
            hnk += FixedMath.One(p) / i;
        }

        var j = BigInteger.Zero;
        var sum = BigInteger.Zero;
        for (var k = 0; !term.IsZero; k++)
        {
            j += term;
            if (psi)
            {
                sum += FixedMath.Mul(term, hk + hnk - gamma2, p);
                hk += FixedMath.One(p) / (k + 1);
                hnk += FixedMath.One(p) / (n + k + 1);
            }

            term = -FixedMath.Mul(term, h2, p) / ((k + 1) * (long)(k + 1 + n));
        }

        return (j, sum);
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
