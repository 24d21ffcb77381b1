using Dagger.Runtime.Cue.Core;

namespace Dagger.Runtime.Cue.Builtins;

/// <summary>Go 1.15's <c>time.ParseDuration</c>: signed sequences of decimal numbers with units, in nanoseconds.</summary>
internal static class GoDuration
{
    private static readonly Dictionary<string, long> Units = new(StringComparer.Ordinal)
    {
        ["ns"] = 1,
        ["us"] = 1_000,
        ["\u00b5s"] = 1_000,
        ["\u03bcs"] = 1_000,
        ["ms"] = 1_000_000,
        ["s"] = 1_000_000_000,
        ["m"] = 60_000_000_000,
        ["h"] = 3_600_000_000_000,
    };

    /// <summary>The nanoseconds <paramref name="text"/> denotes.</summary>
    /// <exception cref="BuiltinException">The text is not a duration or does not fit in 64 bits.</exception>
    public static long Parse(string text)
    {
        var invalid = new BuiltinException($"time: invalid duration \"{text}\"");
        var s = text;
        var neg = false;
        if (s.Length > 0 && s[0] is '-' or '+')
        {
            neg = s[0] == '-';
            s = s[1..];
        }

        if (s == "0")
        {
            return 0;
        }

        if (s.Length == 0)
        {
            throw invalid;
        }

        long d = 0;
        while (s.Length > 0)
        {
            if (!(s[0] == '.' || char.IsAsciiDigit(s[0])))
            {
                throw invalid;
            }

            var before = s.Length;
            var v = LeadingInt(ref s) ?? throw invalid;
            var pre = before != s.Length;
            long f = 0;
            double scale = 1;
            var post = false;
            if (s.Length > 0 && s[0] == '.')
            {
                s = s[1..];
                var start = s.Length;
                (f, scale) = LeadingFraction(ref s);
                post = start != s.Length;
            }

            if (!pre && !post)
            {
                throw invalid;
            }

            var i = 0;
            while (i < s.Length && !(s[i] == '.' || char.IsAsciiDigit(s[i])))
            {
                i++;
            }

            if (i == 0)
            {
                throw new BuiltinException($"time: missing unit in duration \"{text}\"");
            }

            if (!Units.TryGetValue(s[..i], out var unit))
            {
                throw new BuiltinException($"time: unknown unit \"{s[..i]}\" in duration \"{text}\"");
            }

            s = s[i..];
            if (v > long.MaxValue / unit)
            {
                throw invalid;
            }

            v *= unit;
            if (f > 0)
            {
                // Go adds the fraction through float64, which is what makes fractions of an hour exact to the nanosecond.
                v = unchecked(v + (long)(f * (unit / scale)));
                if (v < 0)
                {
                    throw invalid;
                }
            }

            d = unchecked(d + v);
            if (d < 0)
            {
                throw invalid;
            }
        }

        return neg ? -d : d;
    }

    private static long? LeadingInt(ref string s)
    {
        long x = 0;
        var i = 0;
        for (; i < s.Length && char.IsAsciiDigit(s[i]); i++)
        {
            if (x > long.MaxValue / 10)
            {
                return null;
            }

            x = unchecked((x * 10) + (s[i] - '0'));
            if (x < 0)
            {
                return null;
            }
        }

        s = s[i..];
        return x;
    }

    // Digits past what 63 bits hold are consumed and ignored, as in Go.
    private static (long Fraction, double Scale) LeadingFraction(ref string s)
    {
        long x = 0;
        double scale = 1;
        var overflow = false;
        var i = 0;
        for (; i < s.Length && char.IsAsciiDigit(s[i]); i++)
        {
            if (overflow)
            {
                continue;
            }

            if (x > long.MaxValue / 10)
            {
                overflow = true;
                continue;
            }

            var y = unchecked((x * 10) + (s[i] - '0'));
            if (y < 0)
            {
                overflow = true;
                continue;
            }

            x = y;
            scale *= 10;
        }

        s = s[i..];
        return (x, scale);
    }
}
