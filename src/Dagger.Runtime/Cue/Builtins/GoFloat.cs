using System.Globalization;
using System.Numerics;

using Dagger.Runtime.Cue.Core;

namespace Dagger.Runtime.Cue.Builtins;

/// <summary>
/// How v0.4 passes numbers to and from Go float64 builtins. An argument is checked against the float64 range as a
/// decimal first, and anything below the smallest denormal — zero included — is refused as "rounded down" (above the
/// largest float, or a tiny negative, as "rounded up"). A result is printed with Go's %v and read back as a decimal.
/// </summary>
internal static class GoFloat
{
    private static readonly CueDecimal Smallest = CueDecimal.ParseDecimalText("4.940656458412465441765687928682213723651e-324");
    private static readonly CueDecimal Largest = CueDecimal.ParseDecimalText("1.797693134862315708145274237317043567981e+308");

    /// <summary>Argument <paramref name="i"/> as a float64, or v0.4's error for one outside float64's range.</summary>
    public static double Arg(BuiltinCall c, int i)
    {
        var n = c.Num(i);
        var d = n.D;
        var abs = d.Sign < 0 ? -d : d;
        string? problem = null;
        if (abs < Smallest)
        {
            problem = d.Sign < 0 ? "value was rounded up" : "value was rounded down";
        }
        else if (abs > Largest)
        {
            problem = d.Sign < 0 ? "value was rounded down" : "value was rounded up";
        }

        if (problem is not null)
        {
            throw new BuiltinException($"cannot use {d} (type {(n.IsInt ? "int" : "float")}) as float64 in argument {i} to {c.Fn.Name}: {problem}") { Argument = i };
        }

        return d.ToDouble();
    }

    /// <summary>A float64 result as v0.4 converts it: Go's shortest %v text read as a decimal float.</summary>
    public static NumValue Result(double d)
    {
        if (double.IsNaN(d) || double.IsInfinity(d))
        {
            // v0.4 makes a NaN or infinite number here, which no export accepts.
            throw new BuiltinException($"result {(double.IsNaN(d) ? "NaN" : d > 0 ? "+Inf" : "-Inf")} is not a finite number");
        }

        return new NumValue(Shortest(d), false);
    }

    /// <summary>Go's %v of a float64 read as a decimal: the shortest digits that round-trip, with a large
    /// number's trailing zeros kept in the coefficient while %v writes it without an exponent.</summary>
    public static CueDecimal Shortest(double d)
    {
        if (d == 0)
        {
            return CueDecimal.Zero;
        }

        var parsed = CueDecimal.ParseDecimalText(d.ToString("R", CultureInfo.InvariantCulture));
        var coef = parsed.Coef;
        var exp = parsed.Exp;
        while (!coef.IsZero && (coef % 10).IsZero)
        {
            coef /= 10;
            exp++;
        }

        // %v switches to an exponent once the leading digit's power reaches 6 (or drops below -4); in fixed notation
        // the trailing zeros of a large number are digits of the coefficient.
        var lead = exp + DecimalMath.DigitCount(coef) - 1;
        if (exp > 0 && lead < 6)
        {
            return new CueDecimal(coef * BigInteger.Pow(10, exp), 0);
        }

        return new CueDecimal(coef, exp);
    }
}
