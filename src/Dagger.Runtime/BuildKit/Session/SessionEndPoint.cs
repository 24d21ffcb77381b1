using System.Net;
using System.Threading.Channels;

namespace Dagger.Runtime.BuildKit.Session;

/// <summary>
/// A Kestrel endpoint that accepts already-open byte streams (an upgraded Docker socket, a tunnelled gRPC stream)
/// instead of listening on a socket.
/// </summary>
internal sealed class SessionEndPoint : EndPoint
{
    private readonly Channel<Stream> connections = Channel.CreateUnbounded<Stream>();

    internal ChannelReader<Stream> Connections => connections.Reader;

    /// <summary>Hands a connected stream to the server; the server owns it from then on.</summary>
    internal void Accept(Stream stream) => connections.Writer.TryWrite(stream);

    internal void Complete() => connections.Writer.TryComplete();

    /// <inheritdoc />
    public override string ToString() => "dagger-session";
}
