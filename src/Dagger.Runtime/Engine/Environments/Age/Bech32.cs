namespace Dagger.Runtime.Engine.Environments.Age;

/// <summary>
/// Bech32 (BIP 173) as age spells its keys: <c>age1…</c> recipients and <c>AGE-SECRET-KEY-1…</c> identities. Written
/// here because it is forty lines and no well-kept .NET package offers it without a cryptocurrency library around it;
/// age, unlike BIP 173, sets no limit on the length.
/// </summary>
internal static class Bech32
{
    private const string Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static readonly uint[] Generator = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

    /// <summary>Encodes <paramref name="data"/> with the human-readable part <paramref name="hrp"/>, in lower case.</summary>
    public static string Encode(string hrp, ReadOnlySpan<byte> data)
    {
        var values = ConvertBits(data, 8, 5, pad: true);
        var checksum = Checksum(hrp, values);
        var text = new System.Text.StringBuilder(hrp.Length + 1 + values.Count + 6);
        text.Append(hrp).Append('1');
        foreach (var v in values.Concat(checksum))
        {
            text.Append(Charset[v]);
        }

        return text.ToString();
    }

    /// <summary>Decodes <paramref name="text"/> (all lower or all upper case).</summary>
    /// <returns>The human-readable part, in lower case, and the data; null when the text is not valid Bech32.</returns>
    public static (string Hrp, byte[] Data)? Decode(string text)
    {
        if (text.Any(char.IsLower) && text.Any(char.IsUpper))
        {
            return null;
        }

        text = text.ToLowerInvariant();
        var separator = text.LastIndexOf('1');
        if (separator < 1 || separator + 7 > text.Length)
        {
            return null;
        }

        var hrp = text[..separator];
        var values = new List<byte>();
        foreach (var c in text[(separator + 1)..])
        {
            var v = Charset.IndexOf(c, StringComparison.Ordinal);
            if (v < 0)
            {
                return null;
            }

            values.Add((byte)v);
        }

        if (Polymod(Expand(hrp).Concat(values)) != 1)
        {
            return null;
        }

        var data = ConvertBits(values.Take(values.Count - 6).ToArray(), 5, 8, pad: false);
        return data is null ? null : (hrp, data.ToArray());
    }

    private static byte[] Checksum(string hrp, List<byte> values)
    {
        var polymod = Polymod(Expand(hrp).Concat(values).Concat(new byte[6])) ^ 1;
        var checksum = new byte[6];
        for (var i = 0; i < 6; i++)
        {
            checksum[i] = (byte)((polymod >> (5 * (5 - i))) & 31);
        }

        return checksum;
    }

    private static IEnumerable<byte> Expand(string hrp) =>
        hrp.Select(c => (byte)(c >> 5)).Append((byte)0).Concat(hrp.Select(c => (byte)(c & 31)));

    private static uint Polymod(IEnumerable<byte> values)
    {
        uint chk = 1;
        foreach (var v in values)
        {
            var top = chk >> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ v;
            for (var i = 0; i < 5; i++)
            {
                if (((top >> i) & 1) != 0)
                {
                    chk ^= Generator[i];
                }
            }
        }

        return chk;
    }

    private static List<byte> ConvertBits(ReadOnlySpan<byte> data, int from, int to, bool pad) =>
        ConvertBits(data.ToArray(), from, to, pad) ?? throw new ArgumentException("cannot convert the bits", nameof(data));

    private static List<byte>? ConvertBits(byte[] data, int from, int to, bool pad)
    {
        var acc = 0;
        var bits = 0;
        var result = new List<byte>();
        var max = (1 << to) - 1;
        foreach (var value in data)
        {
            acc = (acc << from) | value;
            bits += from;
            while (bits >= to)
            {
                bits -= to;
                result.Add((byte)((acc >> bits) & max));
            }
        }

        if (pad)
        {
            if (bits > 0)
            {
                result.Add((byte)((acc << (to - bits)) & max));
            }
        }
        else if (bits >= from || ((acc << (to - bits)) & max) != 0)
        {
            return null;
        }

        return result;
    }
}
