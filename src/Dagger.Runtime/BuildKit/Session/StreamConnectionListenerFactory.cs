using System.Net;

using Microsoft.AspNetCore.Connections;

namespace Dagger.Runtime.BuildKit.Session;

/// <summary>Kestrel transport for <see cref="SessionEndPoint"/>: the connections are streams handed over by the client.</summary>
internal sealed class StreamConnectionListenerFactory : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    /// <inheritdoc />
    public bool CanBind(EndPoint endpoint) => endpoint is SessionEndPoint;

    /// <inheritdoc />
    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default) =>
        endpoint is SessionEndPoint session
            ? ValueTask.FromResult<IConnectionListener>(new StreamConnectionListener(session))
            : throw new NotSupportedException($"cannot bind {endpoint}");
}
