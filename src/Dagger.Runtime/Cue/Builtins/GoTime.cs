using System.Text;

using Dagger.Runtime.Cue.Core;

namespace Dagger.Runtime.Cue.Builtins;

/// <summary>
/// Go's reference-time layouts (<c>2006-01-02T15:04:05Z07:00</c>) and calendar, as the Go 1.15 runtime that CUE
/// v0.4.0-beta.1 ships with parses and prints them. Instants are seconds since Go's absolute zero year held in an
/// unsigned 64-bit integer, so that out-of-range values wrap exactly where Go's do.
/// </summary>
internal static class GoTime
{
    private const long AbsoluteZeroYear = -292277022399;
    private const long SecondsPerDay = 86400;
    private const ulong DaysPer400Years = (365 * 400) + 97;
    private const ulong DaysPer100Years = (365 * 100) + 24;
    private const ulong DaysPer4Years = (365 * 4) + 1;
    private const long UnixToInternal = ((1969 * 365) + (1969 / 4) - (1969 / 100) + (1969 / 400)) * SecondsPerDay;

    // Go computes this constant exactly: (absoluteZeroYear - 1) * 365.2425 * secondsPerDay.
    private static readonly long AbsoluteToInternal = (long)((AbsoluteZeroYear - 1) * 365.2425m * SecondsPerDay);

    private static readonly int[] DaysBefore = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];
    private static readonly string[] ShortDays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    private static readonly string[] LongDays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    private static readonly string[] ShortMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    private static readonly string[] LongMonths =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private enum Std
    {
        None, LongMonth, Month, NumMonth, ZeroMonth, LongWeekDay, WeekDay, Day, UnderDay, ZeroDay, UnderYearDay, ZeroYearDay,
        Hour, Hour12, ZeroHour12, Minute, ZeroMinute, Second, ZeroSecond, LongYear, Year, PM, Lowerpm, TZ,
        Iso8601TZ, Iso8601SecondsTZ, Iso8601ShortTZ, Iso8601ColonTZ, Iso8601ColonSecondsTZ,
        NumTZ, NumSecondsTZ, NumShortTZ, NumColonTZ, NumColonSecondsTZ, FracSecond0, FracSecond9,
    }

    /// <summary>The instant <paramref name="value"/> denotes in <paramref name="layout"/> (Go's <c>time.Parse</c>).</summary>
    /// <exception cref="BuiltinException">The value does not match the layout or a field is out of range.</exception>
    public static (ulong Abs, int Nsec) Parse(string layout, string value)
    {
        // Go slices strings by byte; a Latin-1 view of the UTF-8 bytes keeps one char per byte.
        var l = Bytes(layout);
        var v = Bytes(value);
        var year = 0;
        var month = -1;
        var day = -1;
        var yday = -1;
        var hour = 0;
        var min = 0;
        var sec = 0;
        var nsec = 0;
        var utc = false;
        var zoneOffset = -1;
        var amSet = false;
        var pmSet = false;
        var fail = new BuiltinException($"parsing time {Quote(value)} as {Quote(layout)}: cannot parse");
        while (true)
        {
            var (prefix, std, width, suffix) = NextChunk(l);
            if (!v.StartsWith(prefix, StringComparison.Ordinal))
            {
                throw fail;
            }

            v = v[prefix.Length..];
            if (std == Std.None)
            {
                if (v.Length != 0)
                {
                    throw new BuiltinException($"parsing time {Quote(value)}: extra text: {Quote(v)}");
                }

                break;
            }

            l = suffix;
            string? range = null;
            bool ok = true;
            switch (std)
            {
                case Std.Year:
                    if (v.Length < 2)
                    {
                        throw fail;
                    }

                    ok = Atoi(v[..2], out year);
                    v = v[2..];
                    year += year >= 69 ? 1900 : 2000;
                    break;
                case Std.LongYear:
                    if (v.Length < 4 || !IsDigit(v, 0))
                    {
                        throw fail;
                    }

                    ok = Atoi(v[..4], out year);
                    v = v[4..];
                    break;
                case Std.Month:
                    ok = Lookup(ShortMonths, ref v, out month);
                    month++;
                    break;
                case Std.LongMonth:
                    ok = Lookup(LongMonths, ref v, out month);
                    month++;
                    break;
                case Std.NumMonth or Std.ZeroMonth:
                    ok = GetNum(ref v, std == Std.ZeroMonth, out month);
                    range = ok && (month <= 0 || month > 12) ? "month" : null;
                    break;
                case Std.WeekDay:
                    ok = Lookup(ShortDays, ref v, out _);
                    break;
                case Std.LongWeekDay:
                    ok = Lookup(LongDays, ref v, out _);
                    break;
                case Std.Day or Std.UnderDay or Std.ZeroDay:
                    if (std == Std.UnderDay && v.Length > 0 && v[0] == ' ')
                    {
                        v = v[1..];
                    }

                    ok = GetNum(ref v, std == Std.ZeroDay, out day);
                    break;
                case Std.UnderYearDay or Std.ZeroYearDay:
                    for (var i = 0; i < 2 && std == Std.UnderYearDay && v.Length > 0 && v[0] == ' '; i++)
                    {
                        v = v[1..];
                    }

                    ok = GetNum3(ref v, std == Std.ZeroYearDay, out yday);
                    break;
                case Std.Hour:
                    ok = GetNum(ref v, false, out hour);
                    range = hour is < 0 or >= 24 ? "hour" : null;
                    break;
                case Std.Hour12 or Std.ZeroHour12:
                    ok = GetNum(ref v, std == Std.ZeroHour12, out hour);
                    range = hour is < 0 or > 12 ? "hour" : null;
                    break;
                case Std.Minute or Std.ZeroMinute:
                    ok = GetNum(ref v, std == Std.ZeroMinute, out min);
                    range = min is < 0 or >= 60 ? "minute" : null;
                    break;
                case Std.Second or Std.ZeroSecond:
                    ok = GetNum(ref v, std == Std.ZeroSecond, out sec);
                    range = sec is < 0 or >= 60 ? "second" : null;
                    if (ok && range is null && v.Length >= 2 && v[0] == '.' && IsDigit(v, 1))
                    {
                        // A fraction the layout does not spell is still read, unless the layout's next chunk reads it.
                        var next = NextChunk(l).Std;
                        if (next is Std.FracSecond0 or Std.FracSecond9)
                        {
                            break;
                        }

                        var n = 2;
                        while (n < v.Length && IsDigit(v, n))
                        {
                            n++;
                        }

                        ok = Nanoseconds(v, n, out nsec, out range);
                        v = v[n..];
                    }

                    break;
                case Std.PM or Std.Lowerpm:
                    {
                        if (v.Length < 2)
                        {
                            throw fail;
                        }

                        var p = v[..2];
                        v = v[2..];
                        var (am, pm) = std == Std.PM ? ("AM", "PM") : ("am", "pm");
                        pmSet = p == pm;
                        amSet = p == am;
                        ok = pmSet || amSet;
                        break;
                    }

                case Std.Iso8601TZ or Std.Iso8601ShortTZ or Std.Iso8601ColonTZ when v.Length >= 1 && v[0] == 'Z':
                    v = v[1..];
                    utc = true;
                    break;
                case >= Std.Iso8601TZ and <= Std.NumColonSecondsTZ:
                    ok = NumericZone(std, ref v, out zoneOffset);
                    break;
                case Std.TZ:
                    if (v.StartsWith("UTC", StringComparison.Ordinal))
                    {
                        v = v[3..];
                        utc = true;
                        break;
                    }

                    var zn = ZoneNameLength(v);
                    ok = zn > 0;
                    v = ok ? v[zn..] : v;
                    break;
                case Std.FracSecond0:
                    {
                        var ndigit = 1 + width;
                        if (v.Length < ndigit)
                        {
                            throw fail;
                        }

                        ok = Nanoseconds(v, ndigit, out nsec, out range);
                        v = v[ndigit..];
                        break;
                    }

                case Std.FracSecond9:
                    {
                        if (v.Length < 2 || v[0] != '.' || !IsDigit(v, 1))
                        {
                            break;
                        }

                        var i = 0;
                        while (i < 9 && i + 1 < v.Length && IsDigit(v, i + 1))
                        {
                            i++;
                        }

                        ok = Nanoseconds(v, 1 + i, out nsec, out range);
                        v = v[(1 + i)..];
                        break;
                    }
            }

            if (range is not null)
            {
                throw new BuiltinException($"parsing time {Quote(value)}: {range} out of range");
            }

            if (!ok)
            {
                throw fail;
            }
        }

        if (pmSet && hour < 12)
        {
            hour += 12;
        }
        else if (amSet && hour == 12)
        {
            hour = 0;
        }

        if (yday >= 0)
        {
            (month, day) = FromYearDay(value, year, yday, month, day);
        }
        else
        {
            month = month < 0 ? 1 : month;
            day = day < 0 ? 1 : day;
        }

        if (day < 1 || day > DaysIn(month, year))
        {
            throw new BuiltinException($"parsing time {Quote(value)}: day out of range");
        }

        var abs = Date(year, month, day, hour, min, sec);

        // Go takes -1 to mean "no offset seen", so an offset of exactly minus one second is ignored like it.
        if (!utc && zoneOffset != -1)
        {
            abs = unchecked(abs - (ulong)(long)zoneOffset);
        }

        return (abs, nsec);
    }

    /// <summary>The instant of Unix time <paramref name="sec"/> plus <paramref name="nsec"/> nanoseconds (Go's <c>time.Unix</c>).</summary>
    public static (ulong Abs, int Nsec) Unix(long sec, long nsec)
    {
        if (nsec is < 0 or >= 1_000_000_000)
        {
            var n = nsec / 1_000_000_000;
            sec = unchecked(sec + n);
            nsec -= n * 1_000_000_000;
            if (nsec < 0)
            {
                nsec += 1_000_000_000;
                sec = unchecked(sec - 1);
            }
        }

        return (unchecked((ulong)(sec + UnixToInternal - AbsoluteToInternal)), (int)nsec);
    }

    /// <summary>The instant in UTC as <c>time.RFC3339Nano</c> prints it.</summary>
    public static string FormatRfc3339Nano(ulong abs, int nsec)
    {
        var (year, month, day) = AbsDate(abs);
        var clock = abs % (ulong)SecondsPerDay;
        var sb = new StringBuilder();
        sb.Append(year < 0 ? "-" : string.Empty)
            .Append(Math.Abs(year).ToString("D4", System.Globalization.CultureInfo.InvariantCulture))
            .Append(System.Globalization.CultureInfo.InvariantCulture, $"-{month:D2}-{day:D2}T{clock / 3600:D2}:{clock % 3600 / 60:D2}:{clock % 60:D2}");
        if (nsec != 0)
        {
            sb.Append('.').Append(nsec.ToString("D9", System.Globalization.CultureInfo.InvariantCulture).TrimEnd('0'));
        }

        return sb.Append('Z').ToString();
    }

    private static (int Month, int Day) FromYearDay(string value, int year, int yday, int month, int day)
    {
        var m = 0;
        var d = 0;
        if (IsLeap(year))
        {
            if (yday == 31 + 29)
            {
                m = 2;
                d = 29;
            }
            else if (yday > 31 + 29)
            {
                yday--;
            }
        }

        if (yday is < 1 or > 365)
        {
            throw new BuiltinException($"parsing time {Quote(value)}: day-of-year out of range");
        }

        if (m == 0)
        {
            m = ((yday - 1) / 31) + 1;
            if (DaysBefore[m] < yday)
            {
                m++;
            }

            d = yday - DaysBefore[m - 1];
        }

        if ((month >= 0 && month != m) || (day >= 0 && day != d))
        {
            throw new BuiltinException($"parsing time {Quote(value)}: day-of-year does not match");
        }

        return (m, d);
    }

    private static bool NumericZone(Std std, ref string v, out int offset)
    {
        offset = -1;
        string hh, mm, ss;
        char sign;
        switch (std)
        {
            case Std.Iso8601ColonTZ or Std.NumColonTZ:
                if (v.Length < 6 || v[3] != ':')
                {
                    return false;
                }

                (sign, hh, mm, ss, v) = (v[0], v[1..3], v[4..6], "00", v[6..]);
                break;
            case Std.Iso8601ShortTZ or Std.NumShortTZ:
                if (v.Length < 3)
                {
                    return false;
                }

                (sign, hh, mm, ss, v) = (v[0], v[1..3], "00", "00", v[3..]);
                break;
            case Std.Iso8601ColonSecondsTZ or Std.NumColonSecondsTZ:
                if (v.Length < 9 || v[3] != ':' || v[6] != ':')
                {
                    return false;
                }

                (sign, hh, mm, ss, v) = (v[0], v[1..3], v[4..6], v[7..9], v[9..]);
                break;
            case Std.Iso8601SecondsTZ or Std.NumSecondsTZ:
                if (v.Length < 7)
                {
                    return false;
                }

                (sign, hh, mm, ss, v) = (v[0], v[1..3], v[3..5], v[5..7], v[7..]);
                break;
            default:
                if (v.Length < 5)
                {
                    return false;
                }

                (sign, hh, mm, ss, v) = (v[0], v[1..3], v[3..5], "00", v[5..]);
                break;
        }

        if (!Atoi(hh, out var h) || !Atoi(mm, out var m) || !Atoi(ss, out var s))
        {
            return false;
        }

        offset = (((h * 60) + m) * 60) + s;
        switch (sign)
        {
            case '+':
                return true;
            case '-':
                offset = -offset;
                return true;
            default:
                return false;
        }
    }

    // How many bytes of v name a time zone (0: none); the name itself never changes the instant, as in Go's Parse.
    private static int ZoneNameLength(string v)
    {
        if (v.Length < 3)
        {
            return 0;
        }

        if (v.Length >= 4 && (v[..4] == "ChST" || v[..4] == "MeST"))
        {
            return 4;
        }

        if (v[..3] == "GMT")
        {
            return v.Length == 3 ? 3 : 3 + SignedOffsetLength(v[3..]);
        }

        if (v[0] is '+' or '-')
        {
            return SignedOffsetLength(v);
        }

        var upper = 0;
        while (upper < 6 && upper < v.Length && v[upper] is >= 'A' and <= 'Z')
        {
            upper++;
        }

        return upper switch
        {
            3 => 3,
            4 when v[3] == 'T' || v[..4] == "WITA" => 4,
            5 when v[4] == 'T' => 5,
            _ => 0,
        };
    }

    private static int SignedOffsetLength(string v)
    {
        if (v[0] is not ('+' or '-'))
        {
            return 0;
        }

        if (!LeadingInt(v[1..], out var x, out var rest) || rest.Length == v.Length - 1)
        {
            return 0;
        }

        if (v[0] == '-')
        {
            x = -x;
        }

        return x is < -23 or > 12 ? 0 : v.Length - rest.Length;
    }

    private static (string Prefix, Std Std, int Width, string Suffix) NextChunk(string l)
    {
        for (var i = 0; i < l.Length; i++)
        {
            var rest = l.AsSpan(i);
            Std std;
            var len = 0;
            switch (l[i])
            {
                case 'J' when rest.StartsWith("Jan"):
                    (std, len) = rest.StartsWith("January") ? (Std.LongMonth, 7) : (Std.Month, 3);
                    break;
                case 'M' when rest.StartsWith("Monday"):
                    (std, len) = (Std.LongWeekDay, 6);
                    break;
                case 'M' when rest.StartsWith("Mon"):
                    (std, len) = (Std.WeekDay, 3);
                    break;
                case 'M' when rest.StartsWith("MST"):
                    (std, len) = (Std.TZ, 3);
                    break;
                case '0' when rest.Length >= 2 && rest[1] is >= '1' and <= '6':
                    std = rest[1] switch
                    {
                        '1' => Std.ZeroMonth,
                        '2' => Std.ZeroDay,
                        '3' => Std.ZeroHour12,
                        '4' => Std.ZeroMinute,
                        '5' => Std.ZeroSecond,
                        _ => Std.Year,
                    };
                    len = 2;
                    break;
                case '0' when rest.StartsWith("002"):
                    (std, len) = (Std.ZeroYearDay, 3);
                    break;
                case '1':
                    (std, len) = rest.StartsWith("15") ? (Std.Hour, 2) : (Std.NumMonth, 1);
                    break;
                case '2':
                    (std, len) = rest.StartsWith("2006") ? (Std.LongYear, 4) : (Std.Day, 1);
                    break;
                case '_' when rest.StartsWith("_2006"):
                    // Go reads "_2006" as a literal underscore followed by the year.
                    return (l[..(i + 1)], Std.LongYear, 0, l[(i + 5)..]);
                case '_' when rest.StartsWith("_2"):
                    (std, len) = (Std.UnderDay, 2);
                    break;
                case '_' when rest.StartsWith("__2"):
                    (std, len) = (Std.UnderYearDay, 3);
                    break;
                case '3':
                    (std, len) = (Std.Hour12, 1);
                    break;
                case '4':
                    (std, len) = (Std.Minute, 1);
                    break;
                case '5':
                    (std, len) = (Std.Second, 1);
                    break;
                case 'P' when rest.StartsWith("PM"):
                    (std, len) = (Std.PM, 2);
                    break;
                case 'p' when rest.StartsWith("pm"):
                    (std, len) = (Std.Lowerpm, 2);
                    break;
                case '-' or 'Z':
                    (std, len) = ZoneChunk(rest);
                    if (std == Std.None)
                    {
                        continue;
                    }

                    break;
                case '.' when rest.Length >= 2 && rest[1] is '0' or '9':
                    {
                        var j = 1;
                        while (j < rest.Length && rest[j] == rest[1])
                        {
                            j++;
                        }

                        if (j < rest.Length && char.IsAsciiDigit(rest[j]))
                        {
                            continue;
                        }

                        return (l[..i], rest[1] == '0' ? Std.FracSecond0 : Std.FracSecond9, j - 1, l[(i + j)..]);
                    }

                default:
                    continue;
            }

            return (l[..i], std, 0, l[(i + len)..]);
        }

        return (l, Std.None, 0, string.Empty);
    }

    private static (Std Std, int Len) ZoneChunk(ReadOnlySpan<char> rest)
    {
        var iso = rest[0] == 'Z';
        var body = rest[1..];
        if (body.StartsWith("070000"))
        {
            return (iso ? Std.Iso8601SecondsTZ : Std.NumSecondsTZ, 7);
        }

        if (body.StartsWith("07:00:00"))
        {
            return (iso ? Std.Iso8601ColonSecondsTZ : Std.NumColonSecondsTZ, 9);
        }

        if (body.StartsWith("0700"))
        {
            return (iso ? Std.Iso8601TZ : Std.NumTZ, 5);
        }

        if (body.StartsWith("07:00"))
        {
            return (iso ? Std.Iso8601ColonTZ : Std.NumColonTZ, 6);
        }

        return body.StartsWith("07") ? (iso ? Std.Iso8601ShortTZ : Std.NumShortTZ, 3) : (Std.None, 0);
    }

    private static ulong Date(int year, int month, int day, int hour, int min, int sec)
    {
        var y = unchecked((ulong)(year - AbsoluteZeroYear));
        var n = y / 400;
        y -= 400 * n;
        var d = DaysPer400Years * n;
        n = y / 100;
        y -= 100 * n;
        d += DaysPer100Years * n;
        n = y / 4;
        y -= 4 * n;
        d += DaysPer4Years * n;
        d += 365 * y;
        d += (ulong)DaysBefore[month - 1];
        if (IsLeap(year) && month >= 3)
        {
            d++;
        }

        d += (ulong)(day - 1);
        return unchecked((d * SecondsPerDay) + (ulong)((hour * 3600) + (min * 60) + sec));
    }

    private static (long Year, int Month, int Day) AbsDate(ulong abs)
    {
        var d = abs / SecondsPerDay;
        var n = d / DaysPer400Years;
        var y = 400 * n;
        d -= DaysPer400Years * n;

        // The last day of a 400-year cycle would count a fourth century; the shift brings it back to three.
        n = d / DaysPer100Years;
        n -= n >> 2;
        y += 100 * n;
        d -= DaysPer100Years * n;
        n = d / DaysPer4Years;
        y += 4 * n;
        d -= DaysPer4Years * n;
        n = d / 365;
        n -= n >> 2;
        y += n;
        d -= 365 * n;
        var year = unchecked((long)y + AbsoluteZeroYear);
        var day = (int)d;
        if (IsLeap(year))
        {
            if (day == 31 + 29 - 1)
            {
                return (year, 2, 29);
            }

            if (day > 31 + 29 - 1)
            {
                day--;
            }
        }

        var month = day / 31;
        int begin;
        if (day >= DaysBefore[month + 1])
        {
            month++;
            begin = DaysBefore[month];
        }
        else
        {
            begin = DaysBefore[month];
        }

        return (year, month + 1, day - begin + 1);
    }

    private static bool IsLeap(long year) => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);

    private static int DaysIn(int month, int year) =>
        month == 2 && IsLeap(year) ? 29 : DaysBefore[month] - DaysBefore[month - 1];

    private static bool Nanoseconds(string v, int nbytes, out int ns, out string? range)
    {
        ns = 0;
        range = null;
        if (v[0] != '.')
        {
            return false;
        }

        nbytes = Math.Min(nbytes, 10);
        if (!Atoi(v[1..nbytes], out ns))
        {
            return false;
        }

        if (ns is < 0 or >= 1_000_000_000)
        {
            range = "fractional second";
            return true;
        }

        for (var i = 0; i < 10 - nbytes; i++)
        {
            ns *= 10;
        }

        return true;
    }

    private static bool Lookup(string[] table, ref string v, out int index)
    {
        for (var i = 0; i < table.Length; i++)
        {
            var name = table[i];
            if (v.Length >= name.Length && string.Equals(v[..name.Length], name, StringComparison.OrdinalIgnoreCase))
            {
                v = v[name.Length..];
                index = i;
                return true;
            }
        }

        index = -1;
        return false;
    }

    private static bool GetNum(ref string v, bool fixedWidth, out int n)
    {
        n = 0;
        if (!IsDigit(v, 0))
        {
            return false;
        }

        if (!IsDigit(v, 1))
        {
            if (fixedWidth)
            {
                return false;
            }

            n = v[0] - '0';
            v = v[1..];
            return true;
        }

        n = ((v[0] - '0') * 10) + (v[1] - '0');
        v = v[2..];
        return true;
    }

    private static bool GetNum3(ref string v, bool fixedWidth, out int n)
    {
        n = 0;
        var i = 0;
        while (i < 3 && IsDigit(v, i))
        {
            n = (n * 10) + (v[i] - '0');
            i++;
        }

        if (i == 0 || (fixedWidth && i != 3))
        {
            return false;
        }

        v = v[i..];
        return true;
    }

    private static bool Atoi(string s, out int x)
    {
        x = 0;
        var neg = false;
        if (s.Length > 0 && s[0] is '-' or '+')
        {
            neg = s[0] == '-';
            s = s[1..];
        }

        if (!LeadingInt(s, out var q, out var rest) || rest.Length != 0)
        {
            return false;
        }

        x = unchecked((int)(neg ? -q : q));
        return true;
    }

    private static bool LeadingInt(string s, out long x, out string rest)
    {
        x = 0;
        var i = 0;
        for (; i < s.Length && s[i] is >= '0' and <= '9'; i++)
        {
            if (x > long.MaxValue / 10)
            {
                rest = s;
                return false;
            }

            x = (x * 10) + (s[i] - '0');
            if (x < 0)
            {
                rest = s;
                return false;
            }
        }

        rest = s[i..];
        return true;
    }

    private static bool IsDigit(string s, int i) => i < s.Length && s[i] is >= '0' and <= '9';

    private static string Bytes(string s) => Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(s));

    private static string Quote(string s) => "\"" + s + "\"";
}
