using Dagger.Runtime.BuildKit.Protocol.Fsutil;

namespace Dagger.Runtime.BuildKit.Session;

/// <summary>One side of an fsutil diff-copy conversation, whatever gRPC method carries it.</summary>
internal interface IPacketChannel
{
    /// <summary>Reads the next packet, or null at the end of the stream.</summary>
    Task<Packet?> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Writes a packet; calls are never concurrent.</summary>
    Task WriteAsync(Packet packet, CancellationToken cancellationToken);
}
