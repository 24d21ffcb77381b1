namespace Dagger.Runtime.Cue.Builtins;

/// <summary>
/// float64 functions evaluated the way Go's math package evaluates them, so that results agree to the last bit:
/// the published FreeBSD msun (fdlibm) exp and log, and Moshier's Cephes approximations of sin, cos, tan, atan,
/// sinh and tanh, with their published coefficients and the same order of operations. .NET's own functions are
/// more often correctly rounded, which is exactly why they differ from Go's by an ulp now and then.
/// </summary>
internal static partial class GoLibm
{
    // π/4 in three pieces whose products with a small integer are exact (Cephes' extended-precision reduction).
    private const double Pi4A = 7.85398125648498535156e-1;
    private const double Pi4B = 3.77489470793079817668e-8;
    private const double Pi4C = 2.69515142907905952645e-15;

    // Cephes reduces exactly only below 2^29; beyond it Go uses Payne–Hanek, which we do not reproduce.
    private const double ReduceThreshold = 1 << 29;

    // 4/π rounded once, as Go's constant arithmetic gives it (4 / Math.PI would round twice).
    private static readonly double FourOverPi = BitConverter.Int64BitsToDouble(0x3ff45f306dc9c883);

    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;

    private static readonly double[] SinCoefficients =
    [
        1.58962301576546568060e-10, -2.50507477628578072866e-8, 2.75573136213857245213e-6,
        -1.98412698295895385996e-4, 8.33333333332211858878e-3, -1.66666666666666307295e-1,
    ];

    private static readonly double[] CosCoefficients =
    [
        -1.13585365213876817300e-11, 2.08757008419747316778e-9, -2.75573141792967388112e-7,
        2.48015872888517045348e-5, -1.38888888888730564116e-3, 4.16666666666665929218e-2,
    ];

    private static readonly double[] TanP = [-1.30936939181383777646e4, 1.15351664838587416140e6, -1.79565251976484877988e7];

    private static readonly double[] TanQ =
    [
        1, 1.36812963470692954678e4, -1.32089234440210967447e6, 2.50083801823357915839e7, -5.38695755929454629881e7,
    ];

    private static readonly double[] AtanP =
    [
        -8.750608600031904122785e-01, -1.615753718733365076637e+01, -7.500855792314704667340e+01,
        -1.228866684490136173410e+02, -6.485021904942025371773e+01,
    ];

    private static readonly double[] AtanQ =
    [
        1, 2.485846490142306297962e+01, 1.650270098316988542046e+02, 4.328810604912902668951e+02,
        4.853903996359136964868e+02, 1.945506571482613964425e+02,
    ];

    // Hart & Cheney #2029.
    private static readonly double[] SinhP =
    [
        -0.2630563213397497062819489e+2, -0.2894211355989563807284660366e+4, -0.8991272022039509355398013511e+5,
        -0.6307673640497716991184787251e+6,
    ];

    private static readonly double[] SinhQ =
    [
        1, -0.173678953558233699533450911e+3, 0.1521517378790019070696485176e+5, -0.6307673640497716991212077277e+6,
    ];

    private static readonly double[] TanhP = [-9.64399179425052238628E-1, -9.92877231001918586564E1, -1.61468768441708447952E3];

    private static readonly double[] TanhQ = [1, 1.12811678491632931402E2, 2.23548839060100448583E3, 4.84406305325125486048E3];

    // fdlibm's rational approximation of r(e^r + 1)/(e^r - 1), less its constant 2.
    private static readonly double[] ExpP =
    [
        4.13813679705723846039e-08, -1.65339022054652515390e-06, 6.61375632143793436117e-05,
        -2.77777777770155933842e-03, 1.66666666666666657415e-01,
    ];

    // fdlibm's log polynomial, split into odd and even powers of s^2 as it evaluates them.
    private static readonly double[] LogOdd = [1.479819860511658591e-01, 1.818357216161805012e-01, 2.857142874366239149e-01, 6.666666666666735130e-01];

    private static readonly double[] LogEven = [1.531383769920937332e-01, 2.222219843214978396e-01, 3.999999999940941908e-01];

    // Cephes Γ on [2, 3) and the correction of Stirling's formula.
    private static readonly double[] GammaP =
    [
        1.60119522476751861407e-04, 1.19135147006586384913e-03, 1.04213797561761569935e-02, 4.76367800457137231464e-02,
        2.07448227648435975150e-01, 4.94214826801497100753e-01, 9.99999999999999996796e-01,
    ];

    private static readonly double[] GammaQ =
    [
        -2.31581873324120129819e-05, 5.39605580493303397842e-04, -4.45641913851797240494e-03, 1.18139785222060435552e-02,
        3.58236398605498653373e-02, -2.34591795718243348568e-01, 7.14304917030273074085e-02, 1.00000000000000000320e+00,
    ];

    private static readonly double[] StirlingS =
    [
        7.87311395793093628397e-04, -2.29549961613378126380e-04, -2.68132617805781232825e-03, 3.47222221605458667310e-03,
        8.33333333333482257126e-02,
    ];

    // Wichura's AS 241 rational fits, rescaled for erf: the central region, then two tail regions in
    // r = √(ln 2 - ln(1 - x)).
    private static readonly double[] ErfinvA =
    [
        8.8709406962545514830200e2, 1.1819493347062294404278e4, 2.3782041382114385731252e4, 1.6235862515167575384252e4,
        4.8548868893843886794648e3, 6.9706266534389598238465e2, 4.7072688112383978012285e1, 1.1975323115670912564578e0,
    ];

    private static readonly double[] ErfinvB =
    [
        5.2264952788528545610e3, 2.8729085735721942674e4, 3.9307895800092710610e4, 2.1213794301586595867e4,
        5.3941960214247511077e3, 6.8718700749205790830e2, 4.2313330701600911252e1, 1.0000000000000000000e0,
    ];

    private static readonly double[] ErfinvC =
    [
        7.74545014278341407640e-4, 2.27238449892691845833e-2, 2.41780725177450611770e-1, 1.27045825245236838258e0,
        3.64784832476320460504e0, 5.76949722146069140550e0, 4.63033784615654529590e0, 1.42343711074968357734e0,
    ];

    private static readonly double[] ErfinvD =
    [
        1.4859850019840355905497876e-9, 7.7441459065157709165577218e-4, 2.1494160384252876777097297e-2,
        2.0945065210512749128288442e-1, 9.7547832001787427186894837e-1, 2.3707661626024532365971225e0,
        2.9036514445419946173133295e0, 1.4142135623730950488016887e0,
    ];

    private static readonly double[] ErfinvE =
    [
        2.01033439929228813265e-7, 2.71155556874348757815e-5, 1.24266094738807843860e-3, 2.65321895265761230930e-2,
        2.96560571828504891230e-1, 1.78482653991729133580e0, 5.46378491116411436990e0, 6.65790464350110377720e0,
    ];

    private static readonly double[] ErfinvF =
    [
        2.891024605872965461538222e-15, 2.010321207683943062279931e-7, 2.611088405080593625138020e-5,
        1.112800997078859844711555e-3, 2.103693768272068968719679e-2, 1.936480946950659106176712e-1,
        8.482908416595164588112026e-1, 1.414213562373095048801689e0,
    ];

    /// <summary>fdlibm's e^x: x = k ln2 + r, e^r from a degree-5 rational fit, scaled by 2^k.</summary>
    public static double Exp(double x)
    {
        const double Log2E = 1.44269504088896338700e+00;
        if (double.IsNaN(x) || double.IsPositiveInfinity(x))
        {
            return x;
        }

        if (x > 7.09782712893383973096e+02)
        {
            return double.PositiveInfinity;
        }

        if (x < -7.45133219101941108420e+02)
        {
            return 0;
        }

        if (Math.Abs(x) < 1.0 / (1 << 28))
        {
            return 1 + x;
        }

        var k = x < 0 ? (int)((Log2E * x) - 0.5) : (int)((Log2E * x) + 0.5);
        var hi = x - (k * Ln2Hi);
        var lo = k * Ln2Lo;
        var r = hi - lo;
        var t = r * r;
        var c = r - (t * Horner(ExpP, t));
        var y = 1 - ((lo - (r * c / (2 - c))) - hi);
        return Math.ScaleB(y, k);
    }

    /// <summary>fdlibm's ln x: x = 2^k (1 + f) with 1 + f near 1, ln(1 + f) from s = f / (2 + f).</summary>
    public static double Log(double x)
    {
        if (double.IsNaN(x) || double.IsPositiveInfinity(x))
        {
            return x;
        }

        if (x < 0)
        {
            return double.NaN;
        }

        if (x == 0)
        {
            return double.NegativeInfinity;
        }

        // Frexp: x = m 2^e with m in [1/2, 1), then m moved into [√2/2, √2).
        var e = Math.ILogB(x) + 1;
        var m = Math.ScaleB(x, -e);
        if (m < Math.Sqrt(2) / 2)
        {
            m *= 2;
            e--;
        }

        var f = m - 1;
        double k = e;
        var s = f / (2 + f);
        var s2 = s * s;
        var s4 = s2 * s2;
        var r = (s2 * Horner(LogOdd, s4)) + (s4 * Horner(LogEven, s4));
        var hfsq = 0.5 * f * f;
        return (k * Ln2Hi) - ((hfsq - ((s * (hfsq + r)) + (k * Ln2Lo))) - f);
    }

    /// <summary>Cephes sine.</summary>
    public static double Sin(double x)
    {
        if (x == 0 || double.IsNaN(x))
        {
            return x;
        }

        if (double.IsInfinity(x))
        {
            return double.NaN;
        }

        if (Math.Abs(x) >= ReduceThreshold)
        {
            return Math.Sin(x);
        }

        var negative = x < 0;
        var (j, z) = Reduce(Math.Abs(x));
        if (j > 3)
        {
            negative = !negative;
            j -= 4;
        }

        var y = j is 1 or 2 ? CosPolynomial(z) : SinPolynomial(z);
        return negative ? -y : y;
    }

    /// <summary>Cephes cosine.</summary>
    public static double Cos(double x)
    {
        if (double.IsNaN(x) || double.IsInfinity(x))
        {
            return double.NaN;
        }

        if (Math.Abs(x) >= ReduceThreshold)
        {
            return Math.Cos(x);
        }

        var (j, z) = Reduce(Math.Abs(x));
        var negative = false;
        if (j > 3)
        {
            j -= 4;
            negative = true;
        }

        if (j > 1)
        {
            negative = !negative;
        }

        var y = j is 1 or 2 ? SinPolynomial(z) : CosPolynomial(z);
        return negative ? -y : y;
    }

    /// <summary>Cephes tangent.</summary>
    public static double Tan(double x)
    {
        if (x == 0 || double.IsNaN(x))
        {
            return x;
        }

        if (double.IsInfinity(x))
        {
            return double.NaN;
        }

        if (Math.Abs(x) >= ReduceThreshold)
        {
            return Math.Tan(x);
        }

        var (j, z) = Reduce(Math.Abs(x), wrap: false);
        var zz = z * z;
        var y = zz > 1e-14 ? z + (z * (zz * Horner(TanP, zz) / Horner(TanQ, zz))) : z;
        if ((j & 2) == 2)
        {
            y = -1 / y;
        }

        return x < 0 ? -y : y;
    }

    /// <summary>Cephes arctangent.</summary>
    public static double Atan(double x) => x == 0 ? x : x > 0 ? PositiveAtan(x) : -PositiveAtan(-x);

    /// <summary>arcsine through the arctangent of x / √(1 - x²).</summary>
    public static double Asin(double x)
    {
        if (x == 0)
        {
            return x;
        }

        var a = Math.Abs(x);
        if (a > 1)
        {
            return double.NaN;
        }

        var root = Math.Sqrt(1 - (a * a));
        var r = a > 0.7 ? (Math.PI / 2) - PositiveAtan(root / a) : PositiveAtan(a / root);
        return x < 0 ? -r : r;
    }

    /// <summary>arccosine as π/2 - arcsine.</summary>
    public static double Acos(double x) => (Math.PI / 2) - Asin(x);

    /// <summary>atan2 from the arctangent of y/x and the quadrant.</summary>
    public static double Atan2(double y, double x)
    {
        if (double.IsNaN(y) || double.IsNaN(x))
        {
            return double.NaN;
        }

        if (y == 0)
        {
            return x >= 0 && !double.IsNegative(x) ? Math.CopySign(0, y) : Math.CopySign(Math.PI, y);
        }

        if (x == 0)
        {
            return Math.CopySign(Math.PI / 2, y);
        }

        if (double.IsInfinity(x))
        {
            return double.IsPositiveInfinity(x)
                ? Math.CopySign(double.IsInfinity(y) ? Math.PI / 4 : 0, y)
                : Math.CopySign(double.IsInfinity(y) ? 3 * Math.PI / 4 : Math.PI, y);
        }

        if (double.IsInfinity(y))
        {
            return Math.CopySign(Math.PI / 2, y);
        }

        var q = Atan(y / x);
        return x >= 0 ? q : q <= 0 ? q + Math.PI : q - Math.PI;
    }

    /// <summary>Hyperbolic sine: a rational fit below 1/2, exponentials above.</summary>
    public static double Sinh(double x)
    {
        var a = Math.Abs(x);
        double r;
        if (a > 21)
        {
            r = Exp(a) / 2;
        }
        else if (a > 0.5)
        {
            r = (Exp(a) - Exp(-a)) / 2;
        }
        else
        {
            var sq = a * a;
            r = Horner(SinhP, sq) * a / Horner(SinhQ, sq);
        }

        return x < 0 ? -r : r;
    }

    /// <summary>Hyperbolic cosine from exponentials.</summary>
    public static double Cosh(double x)
    {
        var a = Math.Abs(x);
        return a > 21 ? Exp(a) / 2 : (Exp(a) + Exp(-a)) / 2;
    }

    /// <summary>Cephes Γ: a rational fit on [2, 3) reached by recurrence, Stirling's formula beyond 33.</summary>
    public static double Gamma(double x)
    {
        const double Euler = 0.57721566490153286060651209008240243104215933593992;
        if (double.IsNaN(x) || double.IsNegativeInfinity(x) || (x < 0 && Math.Truncate(x) == x))
        {
            return double.NaN;
        }

        if (double.IsPositiveInfinity(x))
        {
            return x;
        }

        if (x == 0)
        {
            return double.IsNegative(x) ? double.NegativeInfinity : double.PositiveInfinity;
        }

        var q = Math.Abs(x);
        var p = Math.Floor(q);
        if (q > 33)
        {
            if (x >= 0)
            {
                var (a, b) = Stirling(x);
                return a * b;
            }

            var sign = ((long)p & 1) == 0 ? -1 : 1;
            var frac = q - p;
            if (frac > 0.5)
            {
                p++;
                frac = q - p;
            }

            var z = q * Sin(Math.PI * frac);
            if (z == 0)
            {
                return sign * double.PositiveInfinity;
            }

            var (s1, s2) = Stirling(q);
            var abs = Math.Abs(z);
            var d = abs * s1 * s2;
            return sign * (double.IsInfinity(d) ? Math.PI / abs / s1 / s2 : Math.PI / d);
        }

        var product = 1.0;
        while (x >= 3)
        {
            x--;
            product *= x;
        }

        // Near a pole Γ(x) ≈ 1 / (x (1 + γx)).
        while (x < 0)
        {
            if (x > -1e-09)
            {
                return product / ((1 + (Euler * x)) * x);
            }

            product /= x;
            x++;
        }

        while (x < 2)
        {
            if (x < 1e-09)
            {
                return x == 0 ? double.PositiveInfinity : product / ((1 + (Euler * x)) * x);
            }

            product /= x;
            x++;
        }

        if (x == 2)
        {
            return product;
        }

        x -= 2;
        return product * Horner(GammaP, x) / Horner(GammaQ, x);
    }

    /// <summary>Erfinv by Wichura's AS 241 rational approximations.</summary>
    public static double Erfinv(double x)
    {
        if (double.IsNaN(x) || x <= -1 || x >= 1)
        {
            return x == 1 || x == -1 ? x * double.PositiveInfinity : double.NaN;
        }

        var a = Math.Abs(x);
        double r;
        if (a <= 0.85)
        {
            r = 0.180625 - (0.25 * a * a);
            r = a * Horner(ErfinvA, r) / Horner(ErfinvB, r);
        }
        else
        {
            r = Math.Sqrt(0.693147180559945309417232121458176568 - Log(1.0 - a));
            r = r <= 5.0
                ? Horner(ErfinvC, r - 1.6) / Horner(ErfinvD, r - 1.6)
                : Horner(ErfinvE, r - 5.0) / Horner(ErfinvF, r - 5.0);
        }

        return x < 0 ? -r : r;
    }

    /// <summary>x^y as Go computes it: small integer powers by squaring, otherwise e^(frac·ln x) times the integer
    /// power accumulated as a mantissa and a binary exponent.</summary>
    public static double Pow(double x, double y)
    {
        if (y == 0 || x == 1)
        {
            return 1;
        }

        if (double.IsNaN(x) || double.IsNaN(y))
        {
            return double.NaN;
        }

        if (x == 0 || double.IsInfinity(x) || double.IsInfinity(y))
        {
            return Math.Pow(x, y);
        }

        if (y == 0.5)
        {
            return Math.Sqrt(x);
        }

        if (y == -0.5)
        {
            return 1 / Math.Sqrt(x);
        }

        if (y == Math.Truncate(y) && Math.Abs(y) <= 127 && y >= -128)
        {
            var n = (int)Math.Abs(y);
            var r = 1.0;
            while (n > 1)
            {
                var t = x;
                var c = 1;
                while (c <= n / 2)
                {
                    t *= t;
                    c *= 2;
                }

                n -= c;
                r *= t;
            }

            for (var i = 0; i < n; i++)
            {
                r *= x;
            }

            return y < 0 ? 1 / r : r;
        }

        var yi = Math.Truncate(Math.Abs(y));
        var yf = Math.Abs(y) - yi;
        if (yf != 0 && x < 0)
        {
            return double.NaN;
        }

        if (yi >= 9.223372036854775808e18)
        {
            return x == -1 ? 1 : (Math.Abs(x) < 1) == (y > 0) ? 0 : double.PositiveInfinity;
        }

        var a1 = 1.0;
        long ae = 0;
        if (yf != 0)
        {
            if (yf > 0.5)
            {
                yf--;
                yi++;
            }

            a1 = Exp(yf * Log(x));
        }

        var (x1, xe) = Frexp(x);
        for (var i = (long)yi; i != 0; i >>= 1)
        {
            if (xe < -(1 << 12) || (1 << 12) < xe)
            {
                ae += xe;
                break;
            }

            if ((i & 1) == 1)
            {
                a1 *= x1;
                ae += xe;
            }

            x1 *= x1;
            xe <<= 1;
            if (x1 < .5)
            {
                x1 += x1;
                xe--;
            }
        }

        if (y < 0)
        {
            a1 = 1 / a1;
            ae = -ae;
        }

        return Math.ScaleB(a1, (int)Math.Clamp(ae, -5000, 5000));
    }

    /// <summary>Cephes hyperbolic tangent.</summary>
    public static double Tanh(double x)
    {
        var z = Math.Abs(x);
        if (z > 0.5 * 8.8029691931113054295988e+01)
        {
            return x < 0 ? -1 : 1;
        }

        if (z >= 0.625)
        {
            var s = Exp(2 * z);
            z = 1 - (2 / (s + 1));
            return x < 0 ? -z : z;
        }

        if (x == 0)
        {
            return x;
        }

        var sq = x * x;
        return x + (x * sq * Horner(TanhP, sq) / Horner(TanhQ, sq));
    }

    // Stirling's formula as a pair of factors, so the caller can divide before a product overflows.
    private static (double, double) Stirling(double x)
    {
        const double SqrtTwoPi = 2.506628274631000502417;
        const double MaxStirling = 143.01608;
        if (x > 200)
        {
            return (double.PositiveInfinity, 1);
        }

        var w = 1 / x;
        w = 1 + (w * Horner(StirlingS, w));
        var e = Exp(x);
        if (x > MaxStirling)
        {
            var v = Pow(x, (0.5 * x) - 0.25);
            return (v, SqrtTwoPi * w * (v / e));
        }

        return (Pow(x, x - 0.5) / e, SqrtTwoPi * w * 1.0);
    }

    // x = m 2^e with m in [1/2, 1) (x finite and nonzero).
    private static (double M, long E) Frexp(double x)
    {
        var e = Math.ILogB(x) + 1;
        return (Math.ScaleB(x, -e), e);
    }

    // Horner's rule, highest power first: ((c0 t + c1) t + c2) ..., the evaluation order the fits were made for.
    private static double Horner(double[] c, double t)
    {
        var acc = c[0];
        for (var i = 1; i < c.Length; i++)
        {
            acc = (acc * t) + c[i];
        }

        return acc;
    }

    // The octant of x (mapped so odd octants round up to the next zero) and the remainder in [-π/4, π/4].
    private static (ulong J, double Z) Reduce(double x, bool wrap = true)
    {
        var j = (ulong)(x * FourOverPi);
        var y = (double)j;
        if ((j & 1) == 1)
        {
            j++;
            y++;
        }

        if (wrap)
        {
            j &= 7;
        }

        return (j, ((x - (y * Pi4A)) - (y * Pi4B)) - (y * Pi4C));
    }

    private static double SinPolynomial(double z)
    {
        var zz = z * z;
        return z + (z * zz * Horner(SinCoefficients, zz));
    }

    private static double CosPolynomial(double z)
    {
        var zz = z * z;
        return 1.0 - (0.5 * zz) + (zz * zz * Horner(CosCoefficients, zz));
    }

    // atan on [0, 0.66] from Cephes' rational fit; larger arguments are folded onto it around π/4 or π/2.
    private static double PositiveAtan(double x)
    {
        const double MoreBits = 6.123233995736765886130e-17;
        const double Tan3Pi8 = 2.41421356237309504880;
        if (x <= 0.66)
        {
            return SmallAtan(x);
        }

        if (x > Tan3Pi8)
        {
            return (Math.PI / 2) - SmallAtan(1 / x) + MoreBits;
        }

        return (Math.PI / 4) + SmallAtan((x - 1) / (x + 1)) + (0.5 * MoreBits);
    }

    private static double SmallAtan(double x)
    {
        var z = x * x;
        z = z * Horner(AtanP, z) / Horner(AtanQ, z);
        return (x * z) + x;
    }
}
