using System.Numerics;

using Dagger.Runtime.Cue.Core;

using static Dagger.Runtime.Cue.Builtins.PackageBuilder;

namespace Dagger.Runtime.Cue.Builtins;

/// <summary>The <c>math</c> package. Rounding and exact operations use decimals; the rest use float64 like Go.</summary>
internal static class MathPackage
{
    private const Kind N = Kind.Number;

    private enum RoundMode
    {
        Floor,
        Ceil,
        Trunc,
        HalfUp,
        HalfEven,
    }

    private static BigInteger RoundTo(CueDecimal d, RoundMode m)
    {
        if (d.Exp >= 0)
        {
            return d.ToBigInteger();
        }

        var div = BigInteger.Pow(10, -d.Exp);
        var q = BigInteger.DivRem(d.Coef, div, out var r);
        if (r.IsZero)
        {
            return q;
        }

        var twice = BigInteger.Abs(r) * 2;
        return m switch
        {
            RoundMode.Floor => d.Sign < 0 ? q - 1 : q,
            RoundMode.Ceil => d.Sign > 0 ? q + 1 : q,
            RoundMode.Trunc => q,
            RoundMode.HalfUp => twice >= div ? q + d.Sign : q,
            _ => twice > div || (twice == div && !q.IsEven) ? q + d.Sign : q,
        };
    }

    // A decimal result is an int when it has no fractional digits, as v0.4 converts apd decimals.
    private static NumValue Dec(CueDecimal d) => new(d, IsIntegral(d));

    // CueDecimal.IsInteger would raise 10 to a huge power for 1E-1294967296; a coefficient shorter than its
    // fraction cannot be whole.
    private static bool IsIntegral(CueDecimal d) => d.Exp >= 0 || d.IsZero || (-(long)d.Exp < DecimalMath.DigitCount(d.Coef) && d.IsInteger);

    private static NumValue Const(string digits) => new(CueDecimal.ParseDecimalText(digits), false);

    // v0.4 floors and ceils with apd at 24 digits and then quantizes to an integer, which fails (and leaves 0) for an
    // integer of more than 24 digits.
    private static BigInteger Limit24(BigInteger v) => BigInteger.Abs(v) >= BigInteger.Pow(10, DecimalMath.Digits) ? BigInteger.Zero : v;

    // apd's Quo at precision 1 stops after the first digit of x/y: x is a "multiple" when that digit is exact.
    private static bool MultipleOf(CueDecimal x, CueDecimal y)
    {
        if (y.IsZero)
        {
            throw new BuiltinException(x.IsZero ? "division undefined" : "division by zero");
        }

        if (x.IsZero)
        {
            return true;
        }

        var dividend = BigInteger.Abs(x.Coef);
        var divisor = BigInteger.Abs(y.Coef);
        while (dividend < divisor)
        {
            dividend *= 10;
        }

        while (dividend >= divisor * 10)
        {
            divisor *= 10;
        }

        return (dividend % divisor).IsZero;
    }

    // v0.4 refuses an int32 argument only beyond 32 bits of magnitude and then keeps the low 32 bits, so
    // 3000000000 wraps to -1294967296.
    private static int Int32Arg(BuiltinCall c, int i)
    {
        var v = c.Int(i);
        if (BigInteger.Abs(v).GetBitLength() > 32)
        {
            throw new BuiltinException($"int {v} overflows int32 in argument {i} in call to {c.Fn.Name}");
        }

        return unchecked((int)(uint)(v & uint.MaxValue));
    }

    public static PackageValue Create()
    {
        var b = new PackageBuilder("math")
            .Fn("Floor", [N], Kind.Int, c => Int(Limit24(RoundTo(c.Num(0).D, RoundMode.Floor))))
            .Fn("Ceil", [N], Kind.Int, c => Int(Limit24(RoundTo(c.Num(0).D, RoundMode.Ceil))))
            .Fn("Trunc", [N], Kind.Int, c => Int(RoundTo(c.Num(0).D, RoundMode.Trunc)))
            .Fn("Round", [N], Kind.Int, c => Int(RoundTo(c.Num(0).D, RoundMode.HalfUp)))
            .Fn("RoundToEven", [N], Kind.Int, c => Int(RoundTo(c.Num(0).D, RoundMode.HalfEven)))
            .Fn("Abs", [N], N, c =>
            {
                var d = c.Num(0).D;
                // A negative zero loses its sign too.
                return Dec(DecimalMath.RoundDigits(d.Sign < 0 ? -d : new CueDecimal(d.Coef, d.Exp), DecimalMath.Digits, DecimalMath.Rounding.HalfUp));
            })
            .Fn("MultipleOf", [N, N], Kind.Bool, c => Bool(MultipleOf(c.Num(0).D, c.Num(1).D)))
            .Fn("Pow", [N, N], N, c => Dec(DecimalMath.Pow(c.Num(0).D, c.Num(1).D)))
            .Fn("Pow10", [Kind.Int], N, c => Dec(new CueDecimal(1, Int32Arg(c, 0))))
            .Fn("Dim", [N, N], N, c =>
            {
                // CueDecimal subtraction rounds to 24 digits half up, as apd's context does.
                var d = c.Num(0).D - c.Num(1).D;
                return d.Sign < 0 ? Int(0) : Dec(d);
            })
            .Fn("Signbit", [N], Kind.Bool, c => Bool(c.Num(0).D.Sign < 0))
            .Fn("Copysign", [N, N], N, c =>
            {
                var x = c.Num(0).D;
                var abs = x.Sign < 0 ? -x : x;
                return Dec(c.Num(1).D.Sign < 0 ? -abs : abs);
            })
            .Fn("Cbrt", [N], N, c => Dec(DecimalMath.Cbrt(c.Num(0).D)))
            .Fn("Exp", [N], N, c => Dec(DecimalMath.Exp(c.Num(0).D)))
            .Fn("Exp2", [N], N, c => Dec(DecimalMath.Pow(CueDecimal.FromInt(2), c.Num(0).D)))
            .Fn("Log", [N], N, c => Dec(DecimalMath.Log(c.Num(0).D)))
            .Fn("Log10", [N], N, c => Dec(DecimalMath.Log10(c.Num(0).D)))
            .Fn("Log2", [N], N, c => Dec(DecimalMath.Log2(c.Num(0).D)))
            .Fn("Jacobi", [Kind.Int, Kind.Int], Kind.Int, c =>
            {
                var a = c.Int(0);
                var n = c.Int(1);
                if (n.Sign <= 0 || n.IsEven)
                {
                    throw new BuiltinException("Jacobi: second argument must be odd and positive");
                }

                a = ((a % n) + n) % n;
                var result = 1;
                while (!a.IsZero)
                {
                    while (a.IsEven)
                    {
                        a /= 2;
                        var r = n % 8;
                        if (r == 3 || r == 5)
                        {
                            result = -result;
                        }
                    }

                    (a, n) = (n, a);
                    if (a % 4 == 3 && n % 4 == 3)
                    {
                        result = -result;
                    }

                    a %= n;
                }

                return Int(n.IsOne ? result : 0);
            });
        foreach (var (name, fn) in new (string, Func<double, double>)[]
        {
            ("Sqrt", Math.Sqrt), ("Expm1", GoLibm.Expm1), ("Log1p", GoLibm.Log1p), ("Logb", Logb),
            ("Sin", GoLibm.Sin), ("Cos", GoLibm.Cos), ("Tan", GoLibm.Tan), ("Asin", GoLibm.Asin), ("Acos", GoLibm.Acos), ("Atan", GoLibm.Atan),
            ("Sinh", GoLibm.Sinh), ("Cosh", GoLibm.Cosh), ("Tanh", GoLibm.Tanh), ("Asinh", GoLibm.Asinh), ("Acosh", GoLibm.Acosh), ("Atanh", GoLibm.Atanh),
            ("Erf", GoLibm.Erf), ("Erfc", GoLibm.Erfc), ("Erfinv", GoLibm.Erfinv), ("Erfcinv", x => GoLibm.Erfinv(1 - x)),
            ("Gamma", GoLibm.Gamma), ("J0", x => SeriesMath.J(0, x)), ("J1", x => SeriesMath.J(1, x)),
            ("Y0", x => SeriesMath.Y(0, x)), ("Y1", x => SeriesMath.Y(1, x)),
        })
        {
            b.Fn(name, [N], N, c => GoFloat.Result(fn(GoFloat.Arg(c, 0))));
        }

        b.Fn("Jn", [Kind.Int, N], N, c => GoFloat.Result(SeriesMath.J(c.SmallInt(0), GoFloat.Arg(c, 1))));
        b.Fn("Yn", [Kind.Int, N], N, c => GoFloat.Result(SeriesMath.Y(c.SmallInt(0), GoFloat.Arg(c, 1))));
        b.Fn("Ilogb", [N], Kind.Int, c => Int(Ilogb(GoFloat.Arg(c, 0))));
        b.Fn("Ldexp", [N, Kind.Int], N, c => GoFloat.Result(Math.ScaleB(GoFloat.Arg(c, 0), (int)BigInteger.Clamp(c.Int(1), -100_000, 100_000))));
        b.Fn("Atan2", [N, N], N, c => GoFloat.Result(GoLibm.Atan2(GoFloat.Arg(c, 0), GoFloat.Arg(c, 1))));
        b.Fn("Hypot", [N, N], N, c => GoFloat.Result(Hypot(GoFloat.Arg(c, 0), GoFloat.Arg(c, 1))));

        // Go's Mod truncates like C's fmod; Remainder rounds the quotient to even (IEEE 754). Both are exact.
        b.Fn("Mod", [N, N], N, c => GoFloat.Result(GoFloat.Arg(c, 0) % GoFloat.Arg(c, 1)));
        b.Fn("Remainder", [N, N], N, c => GoFloat.Result(Math.IEEERemainder(GoFloat.Arg(c, 0), GoFloat.Arg(c, 1))));
        b.Const("MaxExp", Int(int.MaxValue));
        b.Const("MinExp", Int(int.MinValue));
        b.Const("MaxPrec", Int(uint.MaxValue));
        b.Const("MaxBase", Int(62));

        // math/big's rounding modes and accuracies, which v0.4 exports although nothing takes them.
        b.Const("ToNearestEven", Int(0));
        b.Const("ToNearestAway", Int(1));
        b.Const("ToZero", Int(2));
        b.Const("AwayFromZero", Int(3));
        b.Const("ToNegativeInf", Int(4));
        b.Const("ToPositiveInf", Int(5));
        b.Const("Below", Int(-1));
        b.Const("Exact", Int(0));
        b.Const("Above", Int(1));
        b.Const("Pi", Const("3.14159265358979323846264338327950288419716939937510582097494459"));
        b.Const("E", Const("2.71828182845904523536028747135266249775724709369995957496696763"));
        b.Const("Phi", Const("1.61803398874989484820458683436563811772030917980576286213544861"));
        b.Const("Sqrt2", Const("1.41421356237309504880168872420969807856967187537694807317667974"));
        b.Const("SqrtE", Const("1.64872127070012814684865078781416357165377610071014801157507931"));
        b.Const("SqrtPi", Const("1.77245385090551602729816748334114518279754945612238712821380779"));
        b.Const("SqrtPhi", Const("1.27201964951406896425242246173749149171560804184009624861664038"));
        b.Const("Ln2", Const("0.693147180559945309417232121458176568075500134360255254120680009"));
        b.Const("Log2E", Const("1.442695040888963407359924681001892137426645954152985934135449408"));
        b.Const("Ln10", Const("2.3025850929940456840179914546843642076011014886287729760333278"));
        b.Const("Log10E", Const("0.43429448190325182765112891891660508229439700580366656611445378"));
        return b.Build();
    }

    // Go's Logb and Ilogb: the binary exponent of x, which for a finite nonzero double is exact.
    private static double Logb(double x) => double.IsNaN(x) ? x : double.IsInfinity(x) ? double.PositiveInfinity : Math.ILogB(x);

    private static long Ilogb(double x) => double.IsNaN(x) || double.IsInfinity(x) ? int.MaxValue : Math.ILogB(x);

    // Go's Hypot scales by the larger operand, p·sqrt(1 + (q/p)²), which is not always the correctly rounded
    // sqrt(p² + q²).
    private static double Hypot(double p, double q)
    {
        if (double.IsInfinity(p) || double.IsInfinity(q))
        {
            return double.PositiveInfinity;
        }

        if (double.IsNaN(p) || double.IsNaN(q))
        {
            return double.NaN;
        }

        p = Math.Abs(p);
        q = Math.Abs(q);
        if (p < q)
        {
            (p, q) = (q, p);
        }

        if (p == 0)
        {
            return 0;
        }

        q /= p;
        return p * Math.Sqrt(1 + (q * q));
    }
}
