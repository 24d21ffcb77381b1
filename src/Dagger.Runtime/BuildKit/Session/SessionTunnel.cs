using Dagger.Runtime.BuildKit.Http2;
using Dagger.Runtime.BuildKit.Protocol.Control;
using Dagger.Runtime.BuildKit.Transport;
using Google.Protobuf;

namespace Dagger.Runtime.BuildKit.Session;

/// <summary>
/// A standalone buildkitd's session transport: the raw HTTP/2 bytes of the session server travel inside
/// <c>Control.Session</c> as <c>BytesMessage</c>s, in a call made with <see cref="Http2GrpcCall"/> so that each
/// served method is its own metadata entry.
/// </summary>
internal sealed class SessionTunnel : DuplexStream
{
    private const int MaxChunk = 32 * 1024;
    private readonly Http2GrpcCall call;
    private ReadOnlyMemory<byte> leftover;
    private int disposed;

    private SessionTunnel(Http2GrpcCall call) => this.call = call;

    internal const string SessionPath = "/moby.buildkit.v1.Control/Session";

    /// <summary>Opens the call on a fresh connection and returns the tunnelled byte stream.</summary>
    internal static async Task<SessionTunnel> OpenAsync(
        EngineTransport transport,
        IEnumerable<KeyValuePair<string, string>> headers,
        CancellationToken cancellationToken)
    {
        var stream = await transport.ConnectAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await OpenAsync(stream, headers, cancellationToken, transport.UsesTls ? "https" : "http").ConfigureAwait(false);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Opens the call on <paramref name="connection"/>, which speaks HTTP/2 with prior knowledge.</summary>
    internal static async Task<SessionTunnel> OpenAsync(
        Stream connection,
        IEnumerable<KeyValuePair<string, string>> headers,
        CancellationToken cancellationToken,
        string scheme = "http")
    {
        var call = await Http2GrpcCall.StartAsync(
            connection,
            scheme,
            "buildkitd",
            SessionPath,
            headers.Select(h => (h.Key.ToLowerInvariant(), h.Value)),
            cancellationToken).ConfigureAwait(false);
        return new SessionTunnel(call);
    }

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (leftover.IsEmpty)
        {
            byte[]? message;
            try
            {
                message = await call.ReadMessageAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Http2ProtocolException e)
            {
                throw new IOException("the session tunnel to buildkitd failed: " + e.Message, e);
            }

            if (message is null)
            {
                return 0;
            }

            leftover = BytesMessage.Parser.ParseFrom(message).Data.Memory;
        }

        var count = Math.Min(buffer.Length, leftover.Length);
        leftover[..count].CopyTo(buffer);
        leftover = leftover[count..];
        return count;
    }

    /// <inheritdoc />
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            var chunk = buffer[..Math.Min(MaxChunk, buffer.Length)];
            var message = new BytesMessage { Data = ByteString.CopyFrom(chunk.Span) };
            try
            {
                await call.WriteMessageAsync(message.ToByteArray(), cancellationToken).ConfigureAwait(false);
            }
            catch (Http2ProtocolException e)
            {
                throw new IOException("the session tunnel to buildkitd failed: " + e.Message, e);
            }

            buffer = buffer[chunk.Length..];
        }
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await call.CompleteAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or Http2ProtocolException or ObjectDisposedException)
        {
            // The call is being torn down either way.
        }

        await call.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        base.Dispose(disposing);
    }
}
