using System.Net;
using System.Threading.Channels;

using Microsoft.AspNetCore.Connections;

namespace Dagger.Runtime.BuildKit.Session;

/// <summary>Yields each stream handed to a <see cref="SessionEndPoint"/> as a Kestrel connection.</summary>
internal sealed class StreamConnectionListener(SessionEndPoint endPoint) : IConnectionListener
{
    /// <inheritdoc />
    public EndPoint EndPoint => endPoint;

    /// <inheritdoc />
    public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var stream = await endPoint.Connections.ReadAsync(cancellationToken).ConfigureAwait(false);
            return new StreamConnectionContext(stream, endPoint);
        }
        catch (ChannelClosedException)
        {
            return null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public ValueTask UnbindAsync(CancellationToken cancellationToken = default)
    {
        endPoint.Complete();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        endPoint.Complete();
        return ValueTask.CompletedTask;
    }
}
