using System.Buffers.Binary;

namespace Dagger.Runtime.BuildKit.Http2;

/// <summary>One HTTP/2 frame: the 9-byte header and its payload.</summary>
internal sealed record Http2Frame(Http2FrameType Type, byte Flags, int StreamId, byte[] Payload)
{
    internal const byte EndStream = 0x1;
    internal const byte Ack = 0x1;
    internal const byte EndHeaders = 0x4;
    internal const byte Padded = 0x8;
    internal const byte PriorityFlag = 0x20;
    internal const int HeaderLength = 9;

    /// <summary>The largest payload a peer can allow (2^24 - 1).</summary>
    internal const int MaxAllowedFrameSize = 16_777_215;

    internal bool Has(byte flag) => (Flags & flag) != 0;

    /// <summary>Reads one frame, or returns null at a clean end of the stream between frames.</summary>
    internal static async Task<Http2Frame?> ReadAsync(Stream stream, int maxFrameSize, CancellationToken cancellationToken)
    {
        var header = new byte[HeaderLength];
        var read = await stream.ReadAtLeastAsync(header, HeaderLength, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            return null;
        }

        if (read < HeaderLength)
        {
            throw new Http2ProtocolException("the connection ended inside a frame header");
        }

        var length = (header[0] << 16) | (header[1] << 8) | header[2];
        if (length > maxFrameSize)
        {
            throw new Http2ProtocolException($"frame of {length} bytes exceeds the agreed maximum of {maxFrameSize}");
        }

        var payload = new byte[length];
        await stream.ReadExactlyAsync(payload, cancellationToken).ConfigureAwait(false);
        var streamId = (int)(BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(5)) & 0x7FFF_FFFF);
        return new Http2Frame((Http2FrameType)header[3], header[4], streamId, payload);
    }

    /// <summary>The frame's bytes on the wire.</summary>
    internal byte[] Serialize()
    {
        var bytes = new byte[HeaderLength + Payload.Length];
        bytes[0] = (byte)(Payload.Length >> 16);
        bytes[1] = (byte)(Payload.Length >> 8);
        bytes[2] = (byte)Payload.Length;
        bytes[3] = (byte)Type;
        bytes[4] = Flags;
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(5), (uint)StreamId & 0x7FFF_FFFF);
        Payload.CopyTo(bytes, HeaderLength);
        return bytes;
    }

    /// <summary>The payload without padding (and without the priority block of a HEADERS frame).</summary>
    internal ReadOnlySpan<byte> Content()
    {
        var span = Payload.AsSpan();
        var padding = 0;
        if (Type is Http2FrameType.Data or Http2FrameType.Headers && Has(Padded))
        {
            if (span.Length < 1)
            {
                throw new Http2ProtocolException("padded frame without a pad length");
            }

            padding = span[0];
            span = span[1..];
        }

        if (Type == Http2FrameType.Headers && Has(PriorityFlag))
        {
            if (span.Length < 5)
            {
                throw new Http2ProtocolException("HEADERS frame too short for its priority block");
            }

            span = span[5..];
        }

        if (padding > span.Length)
        {
            throw new Http2ProtocolException("frame padding exceeds its payload");
        }

        return span[..^padding];
    }
}
