using System.Text;

namespace Dagger.Runtime.Cue.Builtins;

/// <summary>
/// IP addresses as Go 1.15's <c>net</c> package sees them: byte arrays of any length, where only 4 and 16 bytes
/// are addresses; an IPv4 address in text becomes its 16-byte IPv4-mapped form.
/// </summary>
internal static class GoIP
{
    private static readonly byte[] V4InV6Prefix = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

    /// <summary>Go's <c>net.ParseIP</c> (leading zeros in IPv4 fields allowed, no zones): null when invalid.</summary>
    public static byte[]? Parse(string s)
    {
        foreach (var ch in s)
        {
            switch (ch)
            {
                case '.':
                    return ParseV4(s);
                case ':':
                    return ParseV6(s);
            }
        }

        return null;
    }

    /// <summary>The 4-byte form of an IPv4 address (null for anything else), like Go's <c>IP.To4</c>.</summary>
    public static byte[]? To4(byte[]? ip)
    {
        if (ip is null)
        {
            return null;
        }

        if (ip.Length == 4)
        {
            return ip;
        }

        return ip.Length == 16 && ip.AsSpan(0, 12).SequenceEqual(V4InV6Prefix) ? ip[12..] : null;
    }

    /// <summary>Go's <c>IP.String</c>: dotted quad, RFC 5952 IPv6, <c>&lt;nil&gt;</c> or <c>?</c> and hex.</summary>
    public static string Format(byte[] ip)
    {
        if (ip.Length == 0)
        {
            return "<nil>";
        }

        if (To4(ip) is { } v4)
        {
            return string.Join('.', v4);
        }

        if (ip.Length != 16)
        {
            return "?" + Convert.ToHexStringLower(ip);
        }

        // The first longest run of two or more zero groups becomes "::".
        int e0 = -1, e1 = -1;
        for (var i = 0; i < 16; i += 2)
        {
            var j = i;
            while (j < 16 && ip[j] == 0 && ip[j + 1] == 0)
            {
                j += 2;
            }

            if (j > i && j - i > e1 - e0)
            {
                e0 = i;
                e1 = j;
                i = j;
            }
        }

        if (e1 - e0 <= 2)
        {
            e0 = e1 = -1;
        }

        var sb = new StringBuilder();
        for (var i = 0; i < 16; i += 2)
        {
            if (i == e0)
            {
                sb.Append("::");
                i = e1;
                if (i >= 16)
                {
                    break;
                }
            }
            else if (i > 0)
            {
                sb.Append(':');
            }

            sb.Append(((ip[i] << 8) | ip[i + 1]).ToString("x", System.Globalization.CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    /// <summary>Go's <c>IP.Equal</c>: same bytes, or an IPv4 address and its IPv4-mapped form.</summary>
    public static bool Equal(byte[] a, byte[] b)
    {
        if (a.Length == b.Length)
        {
            return a.AsSpan().SequenceEqual(b);
        }

        if (a.Length == 4 && b.Length == 16)
        {
            return b.AsSpan(0, 12).SequenceEqual(V4InV6Prefix) && b.AsSpan(12).SequenceEqual(a);
        }

        return a.Length == 16 && b.Length == 4 && Equal(b, a);
    }

    private static byte[]? ParseV4(string s)
    {
        var p = new byte[4];
        var at = 0;
        for (var i = 0; i < 4; i++)
        {
            if (at >= s.Length)
            {
                return null;
            }

            if (i > 0)
            {
                if (s[at] != '.')
                {
                    return null;
                }

                at++;
            }

            var n = 0;
            var start = at;
            while (at < s.Length && char.IsAsciiDigit(s[at]))
            {
                n = (n * 10) + (s[at++] - '0');
                if (n >= 0xFFFFFF)
                {
                    return null;
                }
            }

            if (at == start || n > 0xFF)
            {
                return null;
            }

            p[i] = (byte)n;
        }

        return at != s.Length ? null : [.. V4InV6Prefix, .. p];
    }

    private static byte[]? ParseV6(string s)
    {
        var ip = new byte[16];
        var ellipsis = -1;
        if (s.Length >= 2 && s[0] == ':' && s[1] == ':')
        {
            ellipsis = 0;
            s = s[2..];
            if (s.Length == 0)
            {
                return ip;
            }
        }

        var i = 0;
        while (i < 16)
        {
            // Go reads any number of hex digits while the value stays below 0xFFFFFF, then requires 16 bits.
            var n = 0;
            var c = 0;
            while (c < s.Length && char.IsAsciiHexDigit(s[c]))
            {
                n = (n * 16) + Convert.ToInt32(s[c].ToString(), 16);
                c++;
                if (n >= 0xFFFFFF)
                {
                    return null;
                }
            }

            if (c == 0 || n > 0xFFFF)
            {
                return null;
            }

            if (c < s.Length && s[c] == '.')
            {
                if ((ellipsis < 0 && i != 12) || i + 4 > 16 || ParseV4(s) is not { } v4)
                {
                    return null;
                }

                v4.AsSpan(12).CopyTo(ip.AsSpan(i));
                s = string.Empty;
                i += 4;
                break;
            }

            ip[i] = (byte)(n >> 8);
            ip[i + 1] = (byte)n;
            i += 2;
            s = s[c..];
            if (s.Length == 0)
            {
                break;
            }

            if (s[0] != ':' || s.Length == 1)
            {
                return null;
            }

            s = s[1..];
            if (s[0] == ':')
            {
                if (ellipsis >= 0)
                {
                    return null;
                }

                ellipsis = i;
                s = s[1..];
                if (s.Length == 0)
                {
                    break;
                }
            }
        }

        if (s.Length != 0)
        {
            return null;
        }

        if (i < 16)
        {
            if (ellipsis < 0)
            {
                return null;
            }

            var n = 16 - i;
            for (var j = i - 1; j >= ellipsis; j--)
            {
                ip[j + n] = ip[j];
            }

            for (var j = ellipsis + n - 1; j >= ellipsis; j--)
            {
                ip[j] = 0;
            }
        }
        else if (ellipsis >= 0)
        {
            return null;
        }

        return ip;
    }
}
