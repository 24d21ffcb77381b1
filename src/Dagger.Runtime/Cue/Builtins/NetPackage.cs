using System.Globalization;
using System.Text;

using Dagger.Runtime.Cue.Core;

using static Dagger.Runtime.Cue.Builtins.PackageBuilder;

namespace Dagger.Runtime.Cue.Builtins;

/// <summary>The <c>net</c> package of CUE v0.4.0-beta.1 (IP addresses, host:port, domain names).</summary>
internal static class NetPackage
{
    private const Kind T = Kind.Top;

    public static PackageValue Create() => new PackageBuilder("net")
        .Const("IPv4len", Int(4)).Const("IPv6len", Int(16))
        .Fn("SplitHostPort", [Kind.String], Kind.List, c =>
        {
            var (host, port) = SplitHostPort(c.Str(0));
            return c.Ev.MakeList([Str(host), Str(port)]);
        })
        .Fn("JoinHostPort", [T, T], Kind.String, c =>
        {
            var host = Host(c);
            var port = c.Arg(1) switch
            {
                StringValue s => s.S,
                BytesValue b => Encoding.UTF8.GetString(b.B),
                _ => c.Int(1).ToString(CultureInfo.InvariantCulture),
            };
            return Str(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}");
        })
        .Fn("FQDN", [Kind.String], Kind.Bool, c => Bool(IsFqdn(c.Str(0))))
        .Fn("ParseIP", [Kind.String], Kind.List, c => ToList(c, GoIP.Parse(c.Str(0)) ?? throw new BuiltinException($"invalid IP address \"{c.Str(0)}\"")))
        .Fn("IPv4", [T], Kind.Bool, c => Bool(GoIP.To4(Ip(c)) is not null))
        .Fn("IP", [T], Kind.Bool, c => Bool(Ip(c) is not null))
        .Fn("LoopbackIP", [T], Kind.Bool, c => Bool(IsLoopback(Ip(c))))
        .Fn("MulticastIP", [T], Kind.Bool, c => Bool(IsMulticast(Ip(c))))
        .Fn("InterfaceLocalMulticastIP", [T], Kind.Bool, c => Bool(Ip(c) is { Length: 16 } ip && ip[0] == 0xff && (ip[1] & 0x0f) == 0x01))
        .Fn("LinkLocalMulticastIP", [T], Kind.Bool, c => Bool(IsLinkLocalMulticast(Ip(c))))
        .Fn("LinkLocalUnicastIP", [T], Kind.Bool, c => Bool(IsLinkLocalUnicast(Ip(c))))
        .Fn("GlobalUnicastIP", [T], Kind.Bool, c => Bool(IsGlobalUnicast(Ip(c))))
        .Fn("UnspecifiedIP", [T], Kind.Bool, c => Bool(IsUnspecified(Ip(c))))
        .Fn("ToIP4", [T], Kind.List, c =>
        {
            var ip = Ip(c) ?? throw new BuiltinException("invalid IP");
            return ToList(c, GoIP.To4(ip) ?? throw new BuiltinException($"cannot convert {GoIP.Format(ip)} to IPv4"));
        })
        .Fn("ToIP16", [T], Kind.List, c => ToList(c, Ip(c) ?? throw new BuiltinException("invalid IP")))
        .Fn("IPString", [T], Kind.String, c => Str(GoIP.Format(Ip(c) ?? throw new BuiltinException("invalid IP"))))
        .Build();

    // The address an argument denotes: text is parsed, a list is taken byte for byte (any length); else none.
    private static byte[]? Ip(BuiltinCall c, int i = 0)
    {
        switch (c.Arg(i))
        {
            case StringValue s:
                return GoIP.Parse(s.S);
            case BytesValue b:
                return GoIP.Parse(Encoding.UTF8.GetString(b.B));
            case Vertex { IsList: true }:
                var bytes = new List<byte>();
                foreach (var e in c.ListValues(i))
                {
                    if (e is not NumValue { IsInt: true } n || n.D.ToBigInteger() is var x && (x < 0 || x > 255))
                    {
                        return null;
                    }

                    bytes.Add((byte)n.D.ToBigInteger());
                }

                return bytes.Count == 0 ? null : [.. bytes];
            default:
                return null;
        }
    }

    private static string Host(BuiltinCall c) => c.Arg(0) switch
    {
        Vertex { IsList: true } => Ip(c) is { Length: 4 or 16 } ip ? GoIP.Format(ip) : throw new BuiltinException("invalid host"),
        BytesValue b => Encoding.UTF8.GetString(b.B),
        _ => c.Str(0),
    };

    private static Vertex ToList(BuiltinCall c, byte[] ip) => c.Ev.MakeList(ip.Select(b => Int(b)).ToList());

    private static bool IsLoopback(byte[]? ip) =>
        GoIP.To4(ip) is { } v4 ? v4[0] == 127 : ip is not null && GoIP.Equal(ip, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);

    private static bool IsMulticast(byte[]? ip) =>
        GoIP.To4(ip) is { } v4 ? (v4[0] & 0xf0) == 0xe0 : ip is { Length: 16 } && ip[0] == 0xff;

    private static bool IsLinkLocalMulticast(byte[]? ip) =>
        GoIP.To4(ip) is { } v4 ? v4[0] == 224 && v4[1] == 0 && v4[2] == 0 : ip is { Length: 16 } && ip[0] == 0xff && (ip[1] & 0x0f) == 0x02;

    private static bool IsLinkLocalUnicast(byte[]? ip) =>
        GoIP.To4(ip) is { } v4 ? v4[0] == 169 && v4[1] == 254 : ip is { Length: 16 } && ip[0] == 0xfe && (ip[1] & 0xc0) == 0x80;

    private static bool IsUnspecified(byte[]? ip) =>
        ip is not null && (GoIP.Equal(ip, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 0]) || GoIP.Equal(ip, new byte[16]));

    private static bool IsGlobalUnicast(byte[]? ip) =>
        ip is { Length: 4 or 16 }
        && !GoIP.Equal(ip, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 255, 255, 255, 255])
        && !IsUnspecified(ip) && !IsLoopback(ip) && !IsMulticast(ip) && !IsLinkLocalUnicast(ip);

    // Go's net.SplitHostPort: the port follows the last colon; a host with colons must be bracketed.
    private static (string Host, string Port) SplitHostPort(string s)
    {
        var i = s.LastIndexOf(':');
        if (i < 0)
        {
            throw new BuiltinException($"address {s}: missing port in address");
        }

        string host;
        int j = 0, k = 0;
        if (s[0] == '[')
        {
            var end = s.IndexOf(']', StringComparison.Ordinal);
            if (end < 0)
            {
                throw new BuiltinException($"address {s}: missing ']' in address");
            }

            if (end + 1 == s.Length)
            {
                throw new BuiltinException($"address {s}: missing port in address");
            }

            if (end + 1 != i)
            {
                throw new BuiltinException(s[end + 1] == ':' ? $"address {s}: too many colons in address" : $"address {s}: missing port in address");
            }

            host = s[1..end];
            (j, k) = (1, end + 1);
        }
        else
        {
            host = s[..i];
            if (host.Contains(':', StringComparison.Ordinal))
            {
                throw new BuiltinException($"address {s}: too many colons in address");
            }
        }

        if (s[j..].Contains('[', StringComparison.Ordinal))
        {
            throw new BuiltinException($"address {s}: unexpected '[' in address");
        }

        if (s[k..].Contains(']', StringComparison.Ordinal))
        {
            throw new BuiltinException($"address {s}: unexpected ']' in address");
        }

        return (host, s[(i + 1)..]);
    }

    // v0.4 checks an ASCII name with IDNA's lookup rules: labels of 1 to 63 characters (the root label may end the
    // name), at most 253 characters, no hyphen at either end of a label or in its third and fourth place unless it is
    // an xn-- label that decodes to a valid internationalized label.
    private static bool IsFqdn(string s)
    {
        if (s.Length == 0 || s.Any(ch => ch >= 0x80))
        {
            return false;
        }

        var labels = s.Split('.');
        var count = labels[^1].Length == 0 ? labels.Length - 1 : labels.Length;
        for (var i = 0; i < count; i++)
        {
            var label = labels[i];
            if (label.Length is 0 or > 63)
            {
                return false;
            }

            if (label.StartsWith("xn--", StringComparison.Ordinal))
            {
                if (!IsPunycodeLabel(label))
                {
                    return false;
                }

                continue;
            }

            if ((label.Length > 4 && label[2] == '-' && label[3] == '-') || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }
        }

        return (s[^1] == '.' ? s.Length - 1 : s.Length) <= 253;
    }

    private static bool IsPunycodeLabel(string label)
    {
        try
        {
            var unicode = new IdnMapping { AllowUnassigned = false, UseStd3AsciiRules = false }.GetUnicode(label);
            return unicode.Length > 0 && !unicode.StartsWith('-') && !unicode.EndsWith('-') && unicode.IsNormalized(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
