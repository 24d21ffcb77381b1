namespace Dagger.Runtime.BuildKit.Http2;

/// <summary>
/// HPACK's static Huffman code (RFC 7541, Appendix B). The code is canonical, so the bit length of each symbol is
/// enough to rebuild every code: codes are handed out in order of length, then of symbol.
/// </summary>
internal static class HpackHuffman
{
    private const int Eos = 256;

    // Bit length of the code of each symbol 0..255, then of EOS.
    private static readonly byte[] Lengths =
    [
        13, 23, 28, 28, 28, 28, 28, 28, 28, 24, 30, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 28,
        6, 10, 10, 12, 13, 6, 8, 11, 10, 10, 8, 11, 8, 6, 6, 6, 5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 7, 8, 15, 6, 12, 10,
        13, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 8, 7, 8, 13, 19, 13, 14, 6,
        15, 5, 6, 5, 6, 5, 6, 6, 6, 5, 7, 7, 6, 6, 6, 5, 6, 7, 6, 5, 5, 6, 7, 7, 7, 7, 7, 15, 11, 14, 13, 28,
        20, 22, 20, 20, 22, 22, 22, 23, 22, 23, 23, 23, 23, 23, 24, 23, 24, 24, 22, 23, 24, 23, 23, 23, 23, 21, 22, 23, 22, 23, 23, 24,
        22, 21, 20, 22, 22, 23, 23, 21, 23, 22, 22, 24, 21, 22, 23, 23, 21, 21, 22, 21, 23, 22, 23, 23, 20, 22, 22, 22, 23, 22, 22, 23,
        26, 26, 20, 19, 22, 23, 22, 25, 26, 26, 26, 27, 27, 26, 24, 25, 19, 21, 26, 27, 27, 26, 27, 24, 21, 21, 26, 26, 28, 27, 27, 27,
        20, 24, 20, 21, 22, 21, 21, 23, 22, 22, 25, 25, 24, 24, 26, 23, 26, 27, 26, 26, 27, 27, 27, 27, 27, 28, 27, 27, 27, 27, 27, 26,
        30,
    ];

    private static readonly uint[] Codes = new uint[257];
    private static readonly int[] FirstCode = new int[31];
    private static readonly int[] CountOfLength = new int[31];
    private static readonly int[] OffsetOfLength = new int[31];
    private static readonly int[] SymbolsByCode = new int[257];

    static HpackHuffman()
    {
        var order = Enumerable.Range(0, 257).OrderBy(s => Lengths[s]).ThenBy(s => s).ToArray();
        uint code = 0;
        var previous = Lengths[order[0]];
        for (var i = 0; i < order.Length; i++)
        {
            var symbol = order[i];
            var length = Lengths[symbol];
            if (i > 0)
            {
                code = (code + 1) << (length - previous);
            }

            previous = length;
            Codes[symbol] = code;
            SymbolsByCode[i] = symbol;
            if (CountOfLength[length]++ == 0)
            {
                FirstCode[length] = (int)code;
                OffsetOfLength[length] = i;
            }
        }
    }

    /// <summary>Decodes a Huffman-coded string.</summary>
    /// <exception cref="Http2ProtocolException">The bits are not a valid encoding.</exception>
    internal static byte[] Decode(ReadOnlySpan<byte> encoded)
    {
        var output = new List<byte>(encoded.Length * 8 / 5);
        var code = 0;
        var length = 0;
        foreach (var b in encoded)
        {
            for (var bit = 7; bit >= 0; bit--)
            {
                code = (code << 1) | ((b >> bit) & 1);
                length++;
                if (length > 30)
                {
                    throw new Http2ProtocolException("invalid Huffman code in a header");
                }

                var index = code - FirstCode[length];
                if (CountOfLength[length] > 0 && index >= 0 && index < CountOfLength[length])
                {
                    var symbol = SymbolsByCode[OffsetOfLength[length] + index];
                    if (symbol == Eos)
                    {
                        throw new Http2ProtocolException("Huffman-coded header contains EOS");
                    }

                    output.Add((byte)symbol);
                    code = 0;
                    length = 0;
                }
            }
        }

        // What is left must be padding: fewer than 8 bits, all ones (the start of EOS).
        if (length > 7 || code != (1 << length) - 1)
        {
            throw new Http2ProtocolException("invalid Huffman padding in a header");
        }

        return [.. output];
    }

    /// <summary>Encodes bytes with the Huffman code, padding the last byte with ones.</summary>
    internal static byte[] Encode(ReadOnlySpan<byte> data)
    {
        var output = new List<byte>(EncodedLength(data));
        ulong bits = 0;
        var count = 0;
        foreach (var b in data)
        {
            bits = (bits << Lengths[b]) | Codes[b];
            count += Lengths[b];
            while (count >= 8)
            {
                count -= 8;
                output.Add((byte)(bits >> count));
            }
        }

        if (count > 0)
        {
            output.Add((byte)((bits << (8 - count)) | (byte)((1 << (8 - count)) - 1)));
        }

        return [.. output];
    }

    /// <summary>How many bytes <see cref="Encode"/> would produce.</summary>
    internal static int EncodedLength(ReadOnlySpan<byte> data)
    {
        var bits = 0L;
        foreach (var b in data)
        {
            bits += Lengths[b];
        }

        return (int)((bits + 7) / 8);
    }
}
