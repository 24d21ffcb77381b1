using System.Numerics;

using Dagger.Runtime.Cue.Core;

using static Dagger.Runtime.Cue.Builtins.PackageBuilder;

namespace Dagger.Runtime.Cue.Builtins;

/// <summary>The <c>time</c> package of CUE v0.4.0-beta.1: times are RFC 3339 strings, durations nanosecond ints.</summary>
internal static class TimePackage
{
    private const Kind S = Kind.String;

    public static PackageValue Create()
    {
        var b = new PackageBuilder("time")
            .Const("Nanosecond", Int(1)).Const("Microsecond", Int(1_000)).Const("Millisecond", Int(1_000_000))
            .Const("Second", Int(1_000_000_000)).Const("Minute", Int(60_000_000_000)).Const("Hour", Int(3_600_000_000_000))
            .Const("ANSIC", Str("Mon Jan _2 15:04:05 2006"))
            .Const("UnixDate", Str("Mon Jan _2 15:04:05 MST 2006"))
            .Const("RubyDate", Str("Mon Jan 02 15:04:05 -0700 2006"))
            .Const("RFC822", Str("02 Jan 06 15:04 MST"))
            .Const("RFC822Z", Str("02 Jan 06 15:04 -0700"))
            .Const("RFC850", Str("Monday, 02-Jan-06 15:04:05 MST"))
            .Const("RFC1123", Str("Mon, 02 Jan 2006 15:04:05 MST"))
            .Const("RFC1123Z", Str("Mon, 02 Jan 2006 15:04:05 -0700"))
            .Const("RFC3339", Str("2006-01-02T15:04:05Z07:00"))
            .Const("RFC3339Nano", Str("2006-01-02T15:04:05.999999999Z07:00"))
            .Const("RFC3339Date", Str("2006-01-02"))
            .Const("Kitchen", Str("3:04PM"))
            .Const("Kitchen24", Str("15:04"))
            .Fn("Duration", [S], Kind.Bool, c =>
            {
                GoDuration.Parse(c.Str(0));
                return Bool(true);
            })
            .Fn("ParseDuration", [S], Kind.Int, c => Int(GoDuration.Parse(c.Str(0))))
            .Fn("Time", [S], Kind.Bool, c => Bool(Valid(c.Str(0), "2006-01-02T15:04:05.999999999Z07:00")))
            .Fn("Format", [S, S], Kind.Bool, c => Bool(Valid(c.Str(0), c.Str(1))))
            .Fn("Parse", [S, S], S, c =>
            {
                var (abs, nsec) = GoTime.Parse(c.Str(0), c.Str(1));
                return Str(GoTime.FormatRfc3339Nano(abs, nsec));
            })
            .Fn("Unix", [Kind.Int, Kind.Int], S, c =>
            {
                var (abs, nsec) = GoTime.Unix(Int64(c, 0), Int64(c, 1));
                return Str(GoTime.FormatRfc3339Nano(abs, nsec));
            });
        string[] months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
        for (var i = 0; i < months.Length; i++)
        {
            b.Const(months[i], Int(i + 1));
        }

        string[] days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
        for (var i = 0; i < days.Length; i++)
        {
            b.Const(days[i], Int(i));
        }

        return b.Build();
    }

    // v0.4 replaces Go's parse error by its own message, which names only the value.
    private static bool Valid(string value, string layout)
    {
        try
        {
            GoTime.Parse(layout, value);
            return true;
        }
        catch (BuiltinException)
        {
            throw new BuiltinException($"invalid time \"{value}\"");
        }
    }

    // v0.4 accepts any int whose magnitude fits in 64 bits and clamps it to the int64 range.
    private static long Int64(BuiltinCall c, int i)
    {
        var v = c.Int(i);
        if (BigInteger.Abs(v) > ulong.MaxValue)
        {
            throw new BuiltinException($"int {v} overflows int64 in argument {i} in call to {c.Fn.Name}");
        }

        return (long)BigInteger.Clamp(v, long.MinValue, long.MaxValue);
    }
}
