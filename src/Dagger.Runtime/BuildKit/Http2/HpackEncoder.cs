using System.Text;

namespace Dagger.Runtime.BuildKit.Http2;

/// <summary>
/// Encodes header blocks without touching the dynamic table (every field a literal "without indexing"), so the
/// encoder keeps no state; values are Huffman-coded when that is shorter.
/// </summary>
internal static class HpackEncoder
{
    internal static byte[] Encode(IEnumerable<(string Name, string Value)> headers)
    {
        var output = new List<byte>();
        foreach (var (name, value) in headers)
        {
            var staticIndex = Array.FindIndex(HpackStaticTable.Entries, e => e.Name == name) + 1;
            if (staticIndex > 0)
            {
                WriteInteger(output, staticIndex, 4, 0x00);
            }
            else
            {
                output.Add(0x00);
                WriteString(output, name);
            }

            WriteString(output, value);
        }

        return [.. output];
    }

    internal static void WriteInteger(List<byte> output, int value, int prefixBits, byte flags)
    {
        var max = (1 << prefixBits) - 1;
        if (value < max)
        {
            output.Add((byte)(flags | value));
            return;
        }

        output.Add((byte)(flags | max));
        value -= max;
        while (value >= 0x80)
        {
            output.Add((byte)((value & 0x7F) | 0x80));
            value >>= 7;
        }

        output.Add((byte)value);
    }

    private static void WriteString(List<byte> output, string text)
    {
        var bytes = Encoding.Latin1.GetBytes(text);
        if (HpackHuffman.EncodedLength(bytes) < bytes.Length)
        {
            var encoded = HpackHuffman.Encode(bytes);
            WriteInteger(output, encoded.Length, 7, 0x80);
            output.AddRange(encoded);
        }
        else
        {
            WriteInteger(output, bytes.Length, 7, 0x00);
            output.AddRange(bytes);
        }
    }
}
