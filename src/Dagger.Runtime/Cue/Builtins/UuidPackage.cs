using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

using Dagger.Runtime.Cue.Core;

using static Dagger.Runtime.Cue.Builtins.PackageBuilder;

namespace Dagger.Runtime.Cue.Builtins;

/// <summary>The <c>uuid</c> package of CUE v0.4.0-beta.1, with the parsing rules of the Go uuid library it wraps.</summary>
internal static partial class UuidPackage
{
    private const Kind S = Kind.String;

    // The namespaces and variant numbers are CUE fields in v0.4, so they are structs here too.
    private const string Source = """
        ns: {
            DNS:  "6ba7b810-9dad-11d1-80b4-00c04fd430c8"
            URL:  "6ba7b811-9dad-11d1-80b4-00c04fd430c8"
            OID:  "6ba7b812-9dad-11d1-80b4-00c04fd430c8"
            X500: "6ba7b814-9dad-11d1-80b4-00c04fd430c8"
            Nil:  "00000000-0000-0000-0000-000000000000"
        }
        variants: {
            Invalid:   0
            RFC4122:   1
            Reserved:  2
            Microsoft: 3
            Future:    4
        }
        """;

    public static PackageValue Create(LabelTable names)
    {
        var b = new PackageBuilder("uuid")
            .Fn("Valid", [S], Kind.Bool, c => Bool(CanonicalRegex().IsMatch(c.Str(0)) ? true : throw new BuiltinException($"invalid UUID \"{c.Str(0)}\"")))
            .Fn("Parse", [S], S, c => Str(Format(Parse(c.Str(0)))))
            .Fn("ToString", [S], S, c => Str(c.Str(0)))
            .Fn("URN", [S], S, c => Str("urn:uuid:" + Format(Parse(c.Str(0)))))
            .Fn("FromInt", [Kind.Int], S, c =>
            {
                var bytes = BigInteger.Abs(c.Int(0)).ToByteArray(isUnsigned: true, isBigEndian: true);
                if (c.Int(0).IsZero)
                {
                    bytes = [];
                }

                if (bytes.Length > 16)
                {
                    throw new BuiltinException($"invalid UUID (got {bytes.Length} bytes)");
                }

                var u = new byte[16];
                bytes.CopyTo(u, 16 - bytes.Length);
                return Str(Format(u));
            })
            .Fn("ToInt", [S], Kind.Int, c => Int(new BigInteger(Encoding.UTF8.GetBytes(c.Str(0)), isUnsigned: true, isBigEndian: true)))
            .Fn("Variant", [S], Kind.Int, c => Int(Variant(Parse(c.Str(0)))))
            .Fn("Version", [S], Kind.Int, c => Int(Parse(c.Str(0))[6] >> 4))
#pragma warning disable CA5350, CA5351 // Name-based UUIDs are defined on SHA-1 and MD5 (RFC 4122); no security depends on them.
            .Fn("SHA1", [S, Kind.Bytes | Kind.String], S, c => Str(Format(NameBased(SHA1.HashData(Concat(Parse(c.Str(0)), c.Bytes(1))), 5))))
            .Fn("MD5", [S, Kind.Bytes | Kind.String], S, c => Str(Format(NameBased(MD5.HashData(Concat(Parse(c.Str(0)), c.Bytes(1))), 3))));
#pragma warning restore CA5350, CA5351
        foreach (var (k, v) in CueSnippet.Fields(names, "uuid", Source))
        {
            b.Const(k, v);
        }

        return b.Build();
    }

    /// <summary>The 16 bytes of a UUID in any form the Go library accepts: plain, 32 hex digits, URN or braced.</summary>
    private static byte[] Parse(string text)
    {
        // Lengths and offsets count UTF-8 bytes, as in Go.
        var s = Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(text));
        var u = new byte[16];
        switch (s.Length)
        {
            case 36:
                break;
            case 36 + 9:
                if (!s[..9].Equals("urn:uuid:", StringComparison.OrdinalIgnoreCase))
                {
                    throw new BuiltinException($"invalid urn prefix: \"{s[..9]}\"");
                }

                s = s[9..];
                break;
            case 36 + 2:
                // The library drops the first and last character without looking at them.
                s = s[1..];
                break;
            case 32:
                for (var i = 0; i < 16; i++)
                {
                    u[i] = HexByte(s, i * 2);
                }

                return u;
            default:
                throw new BuiltinException($"invalid UUID length: {s.Length}");
        }

        if (s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-')
        {
            throw new BuiltinException("invalid UUID format");
        }

        int[] offsets = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
        for (var i = 0; i < 16; i++)
        {
            u[i] = HexByte(s, offsets[i]);
        }

        return u;
    }

    private static byte HexByte(string s, int at) =>
        char.IsAsciiHexDigit(s[at]) && char.IsAsciiHexDigit(s[at + 1])
            ? (byte)((Convert.ToInt32(s[at].ToString(), 16) << 4) | Convert.ToInt32(s[at + 1].ToString(), 16))
            : throw new BuiltinException("invalid UUID format");

    private static string Format(byte[] u)
    {
        var hex = Convert.ToHexStringLower(u);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }

    private static int Variant(byte[] u) => u[8] switch
    {
        var b when (b & 0xc0) == 0x80 => 1,
        var b when (b & 0xe0) == 0xc0 => 3,
        var b when (b & 0xe0) == 0xe0 => 4,
        _ => 2,
    };

    private static byte[] Concat(byte[] space, byte[] data) => [.. space, .. data];

    private static byte[] NameBased(byte[] hash, int version)
    {
        var u = hash[..16];
        u[6] = (byte)((u[6] & 0x0f) | (version << 4));
        u[8] = (byte)((u[8] & 0x3f) | 0x80);
        return u;
    }

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex CanonicalRegex();
}
