namespace Dagger.Runtime.Cue.Builtins;

/// <summary>fdlibm's erf and erfc: rational fits on [0, 0.84375), around 1, and for the tail in 1/x².</summary>
internal static partial class GoLibm
{
    // erf(1) rounded to 24 bits, the centre of the fit on [0.84375, 1.25).
    private const double Erx = 8.45062911510467529297e-01;

    private static readonly double[] ErfPp =
    [
        -2.37630166566501626084e-05, -5.77027029648944159157e-03, -2.84817495755985104766e-02, -3.25042107247001499370e-01,
        1.28379167095512558561e-01,
    ];

    private static readonly double[] ErfQq =
    [
        -3.96022827877536812320e-06, 1.32494738004321644526e-04, 5.08130628187576562776e-03, 6.50222499887672944485e-02,
        3.97917223959155352819e-01, 1,
    ];

    private static readonly double[] ErfPa =
    [
        -2.16637559486879084300e-03, 3.54783043256182359371e-02, -1.10894694282396677476e-01, 3.18346619901161753674e-01,
        -3.72207876035701323847e-01, 4.14856118683748331666e-01, -2.36211856075265944077e-03,
    ];

    private static readonly double[] ErfQa =
    [
        1.19844998467991074170e-02, 1.36370839120290507362e-02, 1.26171219808761642112e-01, 7.18286544141962662868e-02,
        5.40397917702171048937e-01, 1.06420880400844228286e-01, 1,
    ];

    private static readonly double[] ErfRa =
    [
        -9.81432934416914548592e+00, -8.12874355063065934246e+01, -1.84605092906711035994e+02, -1.62396669462573470355e+02,
        -6.23753324503260060396e+01, -1.05586262253232909814e+01, -6.93858572707181764372e-01, -9.86494403484714822705e-03,
    ];

    private static readonly double[] ErfSa =
    [
        -6.04244152148580987438e-02, 6.57024977031928170135e+00, 1.08635005541779435134e+02, 4.29008140027567833386e+02,
        6.45387271733267880336e+02, 4.34565877475229228821e+02, 1.37657754143519042600e+02, 1.96512716674392571292e+01, 1,
    ];

    private static readonly double[] ErfRb =
    [
        -4.83519191608651397019e+02, -1.02509513161107724954e+03, -6.37566443368389627722e+02, -1.60636384855821916062e+02,
        -1.77579549177547519889e+01, -7.99283237680523006574e-01, -9.86494292470009928597e-03,
    ];

    private static readonly double[] ErfSb =
    [
        -2.24409524465858183362e+01, 4.74528541206955367215e+02, 2.55305040643316442583e+03, 3.19985821950859553908e+03,
        1.53672958608443695994e+03, 3.25792512996573918826e+02, 3.03380607434824582924e+01, 1,
    ];

    /// <summary>fdlibm erf.</summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }

        if (double.IsInfinity(x))
        {
            return Math.Sign(x);
        }

        var a = Math.Abs(x);
        double r;
        if (a < 0.84375)
        {
            if (a < 1.0 / (1 << 28))
            {
                r = a < 2.848094538889218e-306
                    ? 0.125 * ((8.0 * a) + (1.02703333676410069053e+00 * a))
                    : a + (1.28379167095512586316e-01 * a);
            }
            else
            {
                r = a + (a * CentralRatio(a));
            }
        }
        else if (a < 1.25)
        {
            r = Erx + NearOneRatio(a);
        }
        else if (a >= 6)
        {
            r = 1;
        }
        else
        {
            r = 1 - (TailExp(a) / a);
        }

        return x < 0 ? -r : r;
    }

    /// <summary>fdlibm erfc.</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }

        if (double.IsInfinity(x))
        {
            return x > 0 ? 0 : 2;
        }

        var negative = x < 0;
        var a = Math.Abs(x);
        if (a < 0.84375)
        {
            double t;
            if (a < 1.0 / (1L << 56))
            {
                t = a;
            }
            else
            {
                var y = CentralRatio(a);
                t = a < 0.25 ? a + (a * y) : 0.5 + ((a * y) + (a - 0.5));
            }

            return negative ? 1 + t : 1 - t;
        }

        if (a < 1.25)
        {
            var pq = NearOneRatio(a);
            return negative ? 1 + Erx + pq : 1 - Erx - pq;
        }

        if (a < 28)
        {
            if (negative && a > 6 && a >= 1 / 0.35)
            {
                return 2;
            }

            var r = TailExp(a);
            return negative ? 2 - (r / a) : r / a;
        }

        return negative ? 2 : 0;
    }

    private static double CentralRatio(double a)
    {
        var z = a * a;
        return Horner(ErfPp, z) / Horner(ErfQq, z);
    }

    private static double NearOneRatio(double a)
    {
        var s = a - 1;
        return Horner(ErfPa, s) / Horner(ErfQa, s);
    }

    // e^(-x² - 0.5625 + R/S) with x² split at a 20-bit x so that its rounding error stays out of the exponent.
    private static double TailExp(double a)
    {
        var s = 1 / (a * a);
        var (r, q) = a < 1 / 0.35 ? (Horner(ErfRa, s), Horner(ErfSa, s)) : (Horner(ErfRb, s), Horner(ErfSb, s));
        var z = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(a) & unchecked((long)0xffffffff00000000));
        return Exp((-z * z) - 0.5625) * Exp(((z - a) * (z + a)) + (r / q));
    }
}
