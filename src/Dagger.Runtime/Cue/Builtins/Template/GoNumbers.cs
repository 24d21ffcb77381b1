using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace Dagger.Runtime.Cue.Builtins.Template;

/// <summary>Go's strconv parsing of number constants (ParseInt and ParseUint with base 0, ParseFloat).</summary>
internal static partial class GoNumbers
{
    [GeneratedRegex(@"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$")]
    private static partial Regex DecimalFloat();

    [GeneratedRegex(@"^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?[0-9]+)$")]
    private static partial Regex HexFloat();

    // Go allows '_' only between digits, or after a base prefix.
    private static bool UnderscoreOk(string s)
    {
        var saw = '^';
        var i = 0;
        if (s.Length >= 1 && s[0] is '-' or '+')
        {
            s = s[1..];
        }

        var hex = false;
        if (s.Length >= 2 && s[0] == '0' && char.ToLowerInvariant(s[1]) is 'b' or 'o' or 'x')
        {
            i = 2;
            saw = '0';
            hex = char.ToLowerInvariant(s[1]) == 'x';
        }

        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsAsciiDigit(c) || (hex && char.ToLowerInvariant(c) is >= 'a' and <= 'f'))
            {
                saw = '0';
                continue;
            }

            if (c == '_')
            {
                if (saw != '0')
                {
                    return false;
                }

                saw = '_';
                continue;
            }

            if (saw == '_')
            {
                return false;
            }

            saw = '!';
        }

        return saw != '_';
    }

    private static BigInteger? Magnitude(string s)
    {
        if (s.Contains('_', StringComparison.Ordinal) && !UnderscoreOk(s))
        {
            return null;
        }

        s = s.Replace("_", "", StringComparison.Ordinal);
        var radix = 10;
        if (s.Length >= 2 && s[0] == '0')
        {
            switch (char.ToLowerInvariant(s[1]))
            {
                case 'x': radix = 16; s = s[2..]; break;
                case 'o': radix = 8; s = s[2..]; break;
                case 'b': radix = 2; s = s[2..]; break;
                default: radix = 8; s = s[1..]; break;
            }
        }

        if (s.Length == 0)
        {
            return null;
        }

        BigInteger v = 0;
        foreach (var c in s)
        {
            var d = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'z' => c - 'a' + 10,
                >= 'A' and <= 'Z' => c - 'A' + 10,
                _ => 99,
            };
            if (d >= radix)
            {
                return null;
            }

            v = (v * radix) + d;
        }

        return v;
    }

    public static ulong? ParseUint(string s) =>
        s.Length == 0 || s[0] is '+' or '-' || Magnitude(s) is not { } m || m > ulong.MaxValue ? null : (ulong)m;

    public static long? ParseInt(string s)
    {
        if (s.Length == 0)
        {
            return null;
        }

        var neg = s[0] == '-';
        var body = s[0] is '+' or '-' ? s[1..] : s;
        if (Magnitude(body) is not { } m)
        {
            return null;
        }

        var v = neg ? -m : m;
        return v < long.MinValue || v > long.MaxValue ? null : (long)v;
    }

    public static double? ParseFloat(string s)
    {
        if (s.Contains('_', StringComparison.Ordinal))
        {
            if (!UnderscoreOk(s))
            {
                return null;
            }

            s = s.Replace("_", "", StringComparison.Ordinal);
        }

        double f;
        if (DecimalFloat().IsMatch(s))
        {
            f = double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        else if (HexFloat().Match(s) is { Success: true } m && m.Groups[2].Length + m.Groups[3].Length > 0)
        {
            var mant = BigInteger.Parse("0" + m.Groups[2].Value + m.Groups[3].Value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            var exp = int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture) - (4 * m.Groups[3].Length);
            f = (double)mant * Math.Pow(2, exp);
            f = m.Groups[1].Value == "-" ? -f : f;
        }
        else
        {
            return null;
        }

        return double.IsInfinity(f) ? null : f;
    }
}
