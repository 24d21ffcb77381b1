using System.Text;

namespace Dagger.Runtime.BuildKit.Http2;

/// <summary>
/// Decodes HPACK header blocks (RFC 7541) for one connection, keeping its dynamic table across blocks.
/// </summary>
internal sealed class HpackDecoder
{
    /// <summary>The table size both ends assume until SETTINGS say otherwise.</summary>
    internal const int DefaultTableSize = 4096;

    private readonly LinkedList<(string Name, string Value)> dynamic = new();
    private int tableSize;
    private readonly int maxTableSize;
    private int currentMax;

    internal HpackDecoder(int maxTableSize = DefaultTableSize)
    {
        this.maxTableSize = maxTableSize;
        currentMax = maxTableSize;
    }

    /// <summary>Decodes one complete header block (HEADERS plus any CONTINUATION payloads, concatenated).</summary>
    /// <exception cref="Http2ProtocolException">The block is malformed.</exception>
    internal List<(string Name, string Value)> Decode(ReadOnlySpan<byte> block)
    {
        var headers = new List<(string Name, string Value)>();
        var position = 0;
        while (position < block.Length)
        {
            var first = block[position];
            if ((first & 0x80) != 0)
            {
                var index = ReadInteger(block, ref position, 7);
                headers.Add(Lookup(index));
            }
            else if ((first & 0x40) != 0)
            {
                var field = ReadLiteral(block, ref position, 6);
                headers.Add(field);
                Add(field);
            }
            else if ((first & 0x20) != 0)
            {
                var size = ReadInteger(block, ref position, 5);
                if (size > maxTableSize)
                {
                    throw new Http2ProtocolException($"HPACK table size update to {size} exceeds the agreed {maxTableSize}");
                }

                currentMax = size;
                Evict(0);
            }
            else
            {
                // Literal without indexing (0000) or never indexed (0001): same layout, nothing stored.
                headers.Add(ReadLiteral(block, ref position, 4));
            }
        }

        return headers;
    }

    /// <summary>Reads an HPACK integer with an <paramref name="prefixBits"/>-bit prefix.</summary>
    internal static int ReadInteger(ReadOnlySpan<byte> data, ref int position, int prefixBits)
    {
        if (position >= data.Length)
        {
            throw new Http2ProtocolException("truncated HPACK integer");
        }

        var mask = (1 << prefixBits) - 1;
        long value = data[position++] & mask;
        if (value < mask)
        {
            return (int)value;
        }

        var shift = 0;
        while (true)
        {
            if (position >= data.Length)
            {
                throw new Http2ProtocolException("truncated HPACK integer");
            }

            var b = data[position++];
            value += (long)(b & 0x7F) << shift;
            shift += 7;
            if (value > int.MaxValue || shift > 35)
            {
                throw new Http2ProtocolException("HPACK integer overflow");
            }

            if ((b & 0x80) == 0)
            {
                return (int)value;
            }
        }
    }

    private (string Name, string Value) ReadLiteral(ReadOnlySpan<byte> block, ref int position, int prefixBits)
    {
        var index = ReadInteger(block, ref position, prefixBits);
        var name = index == 0 ? ReadString(block, ref position) : Lookup(index).Name;
        return (name, ReadString(block, ref position));
    }

    private static string ReadString(ReadOnlySpan<byte> block, ref int position)
    {
        if (position >= block.Length)
        {
            throw new Http2ProtocolException("truncated HPACK string");
        }

        var huffman = (block[position] & 0x80) != 0;
        var length = ReadInteger(block, ref position, 7);
        if (length > block.Length - position)
        {
            throw new Http2ProtocolException("truncated HPACK string");
        }

        var raw = block.Slice(position, length);
        position += length;
        return huffman ? Encoding.Latin1.GetString(HpackHuffman.Decode(raw)) : Encoding.Latin1.GetString(raw);
    }

    private (string Name, string Value) Lookup(int index)
    {
        if (index <= 0)
        {
            throw new Http2ProtocolException("HPACK index 0 is invalid");
        }

        if (index <= HpackStaticTable.Entries.Length)
        {
            return HpackStaticTable.Entries[index - 1];
        }

        var dynamicIndex = index - HpackStaticTable.Entries.Length - 1;
        if (dynamicIndex >= dynamic.Count)
        {
            throw new Http2ProtocolException($"HPACK index {index} is beyond the table");
        }

        return dynamic.ElementAt(dynamicIndex);
    }

    private void Add((string Name, string Value) field)
    {
        var size = EntrySize(field);
        if (size > currentMax)
        {
            // An entry larger than the table empties it and is not stored.
            dynamic.Clear();
            tableSize = 0;
            return;
        }

        Evict(size);
        dynamic.AddFirst(field);
        tableSize += size;
    }

    private void Evict(int room)
    {
        while (tableSize + room > currentMax && dynamic.Last is { } last)
        {
            tableSize -= EntrySize(last.Value);
            dynamic.RemoveLast();
        }
    }

    private static int EntrySize((string Name, string Value) field) => 32 + field.Name.Length + field.Value.Length;
}
