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

    private static NumValue F(double d)
    {
        if (double.IsNaN(d) || double.IsInfinity(d))
        {
            throw new BuiltinException("result is not a finite number");
        }

        return new NumValue(CueDecimal.FromDouble(d), false);
    }

    private static NumValue Const(string digits) => new NumValue(CueDecimal.ParseDecimalText(digits), false);

    private static NumValue Pow(CueDecimal x, CueDecimal y, bool isInt)
    {
        if (y.IsInteger && BigInteger.Abs(y.ToBigInteger()) < 10000)
        {
            var n = (int)y.ToBigInteger();
            var r = CueDecimal.FromInt(1);
            for (var i = 0; i < Math.Abs(n); i++)
            {
                r *= x;
            }

            if (n < 0)
            {
                if (r.IsZero)
                {
                    throw new BuiltinException("division by zero");
                }

                return new NumValue(CueDecimal.Quo(CueDecimal.FromInt(1), r), false);
            }

            return new NumValue(r, isInt);
        }

        return F(Math.Pow(x.ToDouble(), y.ToDouble()));
    }

    public static PackageValue Create()
    {
        var b = new PackageBuilder("math")
            .Fn("Floor", [N], Kind.Int, c => Int(RoundTo(c.Num(0).D, RoundMode.Floor)))
            .Fn("Ceil", [N], Kind.Int, c => Int(RoundTo(c.Num(0).D, RoundMode.Ceil)))
            .Fn("Trunc", [N], Kind.Int, c => Int(RoundTo(c.Num(0).D, RoundMode.Trunc)))
            .Fn("Round", [N], Kind.Int, c => Int(RoundTo(c.Num(0).D, RoundMode.HalfUp)))
            .Fn("RoundToEven", [N], Kind.Int, c => Int(RoundTo(c.Num(0).D, RoundMode.HalfEven)))
            .Fn("Abs", [N], N, c =>
            {
                var n = c.Num(0);
                return n.D.Sign < 0 ? new NumValue(-n.D, n.IsInt) : n;
            })
            .Fn("MultipleOf", [N, N], Kind.Bool, c =>
            {
                var x = c.Num(0).D;
                var y = c.Num(1).D;
                if (y.IsZero)
                {
                    throw new BuiltinException("division by zero");
                }

                var e = Math.Min(x.Exp, y.Exp);
                var xi = x.Coef * BigInteger.Pow(10, x.Exp - e);
                var yi = y.Coef * BigInteger.Pow(10, y.Exp - e);
                return Bool((xi % yi).IsZero);
            })
            .Fn("Pow", [N, N], N, c => Pow(c.Num(0).D, c.Num(1).D, c.Num(0).IsInt && c.Num(1).IsInt && c.Num(1).D.Sign >= 0))
            .Fn("Pow10", [Kind.Int], N, c => new NumValue(new CueDecimal(1, c.SmallInt(0)), false))
            .Fn("Dim", [N, N], N, c =>
            {
                var x = c.Num(0);
                var y = c.Num(1);
                var d = x.D - y.D;
                return d.Sign > 0 ? new NumValue(d, x.IsInt && y.IsInt) : new NumValue(CueDecimal.Zero, x.IsInt && y.IsInt);
            })
            .Fn("Signbit", [N], Kind.Bool, c => Bool(c.Num(0).D.Sign < 0))
            .Fn("Copysign", [N, N], N, c =>
            {
                var x = c.Num(0);
                var neg = c.Num(1).D.Sign < 0;
                var abs = x.D.Sign < 0 ? -x.D : x.D;
                return new NumValue(neg ? -abs : abs, x.IsInt);
            })
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
            ("Sqrt", Math.Sqrt), ("Cbrt", Math.Cbrt), ("Exp", Math.Exp), ("Exp2", x => Math.Pow(2, x)), ("Expm1", x => Math.Exp(x) - 1),
            ("Log", Math.Log), ("Log10", Math.Log10), ("Log2", Math.Log2), ("Log1p", x => Math.Log(1 + x)), ("Logb", x => Math.Floor(Math.Log2(Math.Abs(x)))),
            ("Sin", Math.Sin), ("Cos", Math.Cos), ("Tan", Math.Tan), ("Asin", Math.Asin), ("Acos", Math.Acos), ("Atan", Math.Atan),
            ("Sinh", Math.Sinh), ("Cosh", Math.Cosh), ("Tanh", Math.Tanh), ("Asinh", Math.Asinh), ("Acosh", Math.Acosh), ("Atanh", Math.Atanh),
        })
        {
            b.Fn(name, [N], Kind.Float, c => F(fn(c.Num(0).D.ToDouble())));
        }

        b.Fn("Erf", [N], Kind.Float, c => F(SeriesMath.Erf(c.Num(0).D.ToDouble())));
        b.Fn("Erfc", [N], Kind.Float, c => F(SeriesMath.Erfc(c.Num(0).D.ToDouble())));
        b.Fn("J0", [N], Kind.Float, c => F(SeriesMath.J(0, c.Num(0).D.ToDouble())));
        b.Fn("J1", [N], Kind.Float, c => F(SeriesMath.J(1, c.Num(0).D.ToDouble())));
        b.Fn("Jn", [Kind.Int, N], Kind.Float, c => F(SeriesMath.J(c.SmallInt(0), c.Num(1).D.ToDouble())));
        b.Fn("Ilogb", [N], Kind.Int, c => Int(Math.ILogB(c.Num(0).D.ToDouble())));
        b.Fn("Ldexp", [N, Kind.Int], Kind.Float, c => F(Math.ScaleB(c.Num(0).D.ToDouble(), (int)BigInteger.Clamp(c.Int(1), -100_000, 100_000))));
        b.Fn("Atan2", [N, N], Kind.Float, c => F(Math.Atan2(c.Num(0).D.ToDouble(), c.Num(1).D.ToDouble())));
        b.Fn("Hypot", [N, N], Kind.Float, c => F(Math.Sqrt((c.Num(0).D.ToDouble() * c.Num(0).D.ToDouble()) + (c.Num(1).D.ToDouble() * c.Num(1).D.ToDouble()))));
        // Go's Mod truncates like C's fmod; Remainder rounds the quotient to even (IEEE 754).
        b.Fn("Mod", [N, N], Kind.Float, c => F(c.Num(0).D.ToDouble() % c.Num(1).D.ToDouble()));
        b.Fn("Remainder", [N, N], Kind.Float, c => F(Math.IEEERemainder(c.Num(0).D.ToDouble(), c.Num(1).D.ToDouble())));
        b.Const("MaxExp", Int(int.MaxValue));
        b.Const("MinExp", Int(int.MinValue));
        b.Const("MaxBase", Int(62));
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
}
