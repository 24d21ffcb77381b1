using System.Net.Sockets;
using Dagger.Runtime.BuildKit.Protocol.SshForward;
using Google.Protobuf;
using Grpc.Core;

namespace Dagger.Runtime.BuildKit.Session;

/// <summary>
/// Relays the connections that execs make to a forwarded socket (an SSH mount) to the local unix socket registered
/// under the mount's id, byte for byte in both directions.
/// </summary>
internal sealed class SocketForwardService(SessionState state) : SSH.SSHBase
{
    // The metadata key the daemon names the socket's id with.
    private const string IdKey = "buildkit.ssh.id";

    /// <inheritdoc />
    public override Task<CheckAgentResponse> CheckAgent(CheckAgentRequest request, ServerCallContext context) =>
        state.Sockets.ContainsKey(Id(request.ID))
            ? Task.FromResult(new CheckAgentResponse())
            : throw new RpcException(new Status(StatusCode.NotFound, $"no socket forwarded as {Id(request.ID)}"));

    /// <inheritdoc />
    public override async Task ForwardAgent(IAsyncStreamReader<BytesMessage> requestStream, IServerStreamWriter<BytesMessage> responseStream, ServerCallContext context)
    {
        var id = Id(context.RequestHeaders.GetValue(IdKey));
        if (!state.Sockets.TryGetValue(id, out var path))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"no socket forwarded as {id}"));
        }

        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), context.CancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"cannot connect to the forwarded socket {path}: {e.Message}"));
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        var up = Task.Run(
            async () =>
            {
                while (await requestStream.MoveNext(stop.Token).ConfigureAwait(false))
                {
                    await socket.SendAsync(requestStream.Current.Data.Memory, SocketFlags.None, stop.Token).ConfigureAwait(false);
                }

                // The container closed its side: tell the local service, which then finishes its answer.
                socket.Shutdown(SocketShutdown.Send);
            },
            stop.Token);
        var buffer = new byte[32 * 1024];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, stop.Token).ConfigureAwait(false)) > 0)
        {
            await responseStream.WriteAsync(new BytesMessage { Data = ByteString.CopyFrom(buffer, 0, read) }, stop.Token).ConfigureAwait(false);
        }

        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await up.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The local service closed first; what the container still sends has nowhere to go.
        }
    }

    private static string Id(string? id) => string.IsNullOrEmpty(id) ? "default" : id;
}
