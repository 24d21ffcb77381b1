namespace Dagger.Runtime.Cue.Builtins;

/// <summary>fdlibm's expm1 and log1p and the inverse hyperbolic functions built on them.</summary>
internal static partial class GoLibm
{
    // ln 2 rounded to a double (0x3FE62E42FEFA39EF).
    private const double Ln2 = 6.93147180559945286227e-01;

    private static readonly double[] Expm1Q =
    [
        -2.01099218183624371326e-07, 4.00821782732936239552e-06, -7.93650757867487942473e-05, 1.58730158725481460165e-03,
        -3.33333333333331316428e-02, 1,
    ];

    private static readonly double[] Log1pLp =
    [
        1.479819860511658591e-01, 1.531383769920937332e-01, 1.818357216161805012e-01, 2.222219843214978396e-01,
        2.857142874366239149e-01, 3.999999999940941908e-01, 6.666666666666735130e-01,
    ];

    /// <summary>fdlibm's e^x - 1: x = k ln2 + r with a correction term c, e^r - 1 from a rational fit in r²/2.</summary>
    public static double Expm1(double x)
    {
        if (double.IsPositiveInfinity(x) || double.IsNaN(x))
        {
            return x;
        }

        if (double.IsNegativeInfinity(x))
        {
            return -1;
        }

        var absx = Math.Abs(x);
        var negative = x < 0;
        if (absx >= 3.88162421113569373274e+01)
        {
            if (negative)
            {
                return -1;
            }

            if (absx >= 7.09782712893383973096e+02)
            {
                return double.PositiveInfinity;
            }
        }

        double c = 0;
        var k = 0;
        if (absx > 3.46573590279972654709e-01)
        {
            double hi, lo;
            if (absx < 1.03972077083991796413e+00)
            {
                (hi, lo, k) = negative ? (x + Ln2Hi, -Ln2Lo, -1) : (x - Ln2Hi, Ln2Lo, 1);
            }
            else
            {
                k = negative ? (int)((1.44269504088896338700e+00 * x) - 0.5) : (int)((1.44269504088896338700e+00 * x) + 0.5);
                double t = k;
                hi = x - (t * Ln2Hi);
                lo = t * Ln2Lo;
            }

            x = hi - lo;
            c = (hi - x) - lo;
        }
        else if (absx < 1.0 / (1L << 54))
        {
            return x;
        }

        var hfx = 0.5 * x;
        var hxs = x * hfx;
        var r1 = Horner(Expm1Q, hxs);
        var tt = 3 - (r1 * hfx);
        var e = hxs * ((r1 - tt) / (6.0 - (x * tt)));
        if (k == 0)
        {
            return x - ((x * e) - hxs);
        }

        e = (x * (e - c)) - c;
        e -= hxs;
        if (k == -1)
        {
            return (0.5 * (x - e)) - 0.5;
        }

        if (k == 1)
        {
            return x < -0.25 ? -2 * (e - (x + 0.5)) : 1 + (2 * (x - e));
        }

        if (k <= -2 || k > 56)
        {
            return AddExponent(1 - (e - x), k) - 1;
        }

        if (k < 20)
        {
            var oneLess = BitConverter.Int64BitsToDouble(0x3ff0000000000000 - (0x20000000000000 >> k));
            return AddExponent(oneLess - (e - x), k);
        }

        var y = x - (e + BitConverter.Int64BitsToDouble((long)(0x3ff - k) << 52));
        return AddExponent(y + 1, k);
    }

    /// <summary>fdlibm's ln(1 + x): 1 + x = 2^k (1 + f) with a correction c for the rounding of 1 + x.</summary>
    public static double Log1p(double x)
    {
        if (x < -1 || double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x == -1)
        {
            return double.NegativeInfinity;
        }

        if (double.IsPositiveInfinity(x))
        {
            return x;
        }

        var absx = Math.Abs(x);
        double f = 0;
        ulong iu = 0;
        var k = 1;
        if (absx < 4.142135623730950488017e-01)
        {
            if (absx < 1.0 / (1 << 29))
            {
                return absx < 1.0 / (1L << 54) ? x : x - (x * x * 0.5);
            }

            if (x > -2.928932188134524755992e-01)
            {
                k = 0;
                f = x;
                iu = 1;
            }
        }

        double c = 0;
        if (k != 0)
        {
            double u;
            if (absx < 9007199254740992.0)
            {
                u = 1.0 + x;
                iu = (ulong)BitConverter.DoubleToInt64Bits(u);
                k = (int)((iu >> 52) - 1023);
                c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0);
                c /= u;
            }
            else
            {
                u = x;
                iu = (ulong)BitConverter.DoubleToInt64Bits(u);
                k = (int)((iu >> 52) - 1023);
            }

            // Normalise the mantissa into [√2/2, √2).
            iu &= 0x000fffffffffffff;
            if (iu < 0x0006a09e667f3bcd)
            {
                u = BitConverter.Int64BitsToDouble((long)(iu | 0x3ff0000000000000));
            }
            else
            {
                k++;
                u = BitConverter.Int64BitsToDouble((long)(iu | 0x3fe0000000000000));
                iu = (0x0010000000000000 - iu) >> 2;
            }

            f = u - 1.0;
        }

        var hfsq = 0.5 * f * f;
        double kf = k;
        if (iu == 0)
        {
            if (f == 0)
            {
                return k == 0 ? 0 : (kf * Ln2Hi) + (c + (kf * Ln2Lo));
            }

            var rr = hfsq * (1.0 - (0.66666666666666666 * f));
            return k == 0 ? f - rr : (kf * Ln2Hi) - ((rr - ((kf * Ln2Lo) + c)) - f);
        }

        var s = f / (2.0 + f);
        var z = s * s;
        var r = z * Horner(Log1pLp, z);
        return k == 0 ? f - (hfsq - (s * (hfsq + r))) : (kf * Ln2Hi) - ((hfsq - ((s * (hfsq + r)) + ((kf * Ln2Lo) + c))) - f);
    }

    /// <summary>asinh through ln and ln(1 + x), depending on the size of x.</summary>
    public static double Asinh(double x)
    {
        if (double.IsNaN(x) || double.IsInfinity(x))
        {
            return x;
        }

        var a = Math.Abs(x);
        var r = a > 1 << 28 ? Log(a) + Ln2
            : a > 2 ? Log((2 * a) + (1 / (Math.Sqrt((a * a) + 1) + a)))
            : a < 1.0 / (1 << 28) ? a
            : Log1p(a + (a * a / (1 + Math.Sqrt(1 + (a * a)))));
        return x < 0 ? -r : r;
    }

    /// <summary>acosh through ln and ln(1 + x), depending on the size of x.</summary>
    public static double Acosh(double x)
    {
        if (x < 1 || double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x == 1)
        {
            return 0;
        }

        if (x >= 1 << 28)
        {
            return Log(x) + Ln2;
        }

        if (x > 2)
        {
            return Log((2 * x) - (1 / (x + Math.Sqrt((x * x) - 1))));
        }

        var t = x - 1;
        return Log1p(t + Math.Sqrt((2 * t) + (t * t)));
    }

    /// <summary>atanh as half of ln(1 + 2x / (1 - x)).</summary>
    public static double Atanh(double x)
    {
        if (x < -1 || x > 1 || double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x == 1 || x == -1)
        {
            return x * double.PositiveInfinity;
        }

        var a = Math.Abs(x);
        double r;
        if (a < 1.0 / (1 << 28))
        {
            r = a;
        }
        else if (a < 0.5)
        {
            var twice = a + a;
            r = 0.5 * Log1p(twice + (twice * a / (1 - a)));
        }
        else
        {
            r = 0.5 * Log1p((a + a) / (1 - a));
        }

        return x < 0 ? -r : r;
    }

    // Adds k to the binary exponent of a normal double, as fdlibm does by integer addition on its bits.
    private static double AddExponent(double y, int k) =>
        BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(y) + ((long)k << 52));
}
