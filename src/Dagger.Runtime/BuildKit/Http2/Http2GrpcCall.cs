using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Threading.Channels;

namespace Dagger.Runtime.BuildKit.Http2;

/// <summary>
/// A minimal HTTP/2 client for exactly one bidirectional-streaming gRPC call on its own connection. It exists because
/// Grpc.Net.Client joins repeated metadata values into one header, and BuildKit's <c>Control.Session</c> needs one
/// header line per served method. It handles header blocks split into CONTINUATION frames, flow control in both
/// directions, SETTINGS, PING, GOAWAY, RST_STREAM, and the trailers that carry <c>grpc-status</c>.
/// </summary>
internal sealed class Http2GrpcCall : IAsyncDisposable
{
    private const int StreamId = 1;
    private const int DefaultWindow = 65_535;
    private const int OurWindow = 16 * 1024 * 1024;
    private const int OurMaxFrameSize = 1 << 20;
    private static readonly byte[] Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    private readonly Stream transport;
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private readonly Channel<byte[]> messages = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly HpackDecoder decoder = new();
    private readonly CancellationTokenSource stop = new();
    private readonly Lock windowGate = new();
    private readonly List<byte> pendingMessage = [];
    private TaskCompletionSource windowOpened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task reader = Task.CompletedTask;
    private long connectionSendWindow = DefaultWindow;
    private long streamSendWindow = DefaultWindow;
    private int peerInitialWindow = DefaultWindow;
    private int peerMaxFrameSize = 16_384;
    private bool responseHeadersSeen;
    private bool remoteClosed;
    private bool localClosed;
    private Exception? failure;

    private Http2GrpcCall(Stream transport) => this.transport = transport;

    /// <summary>Response headers, once they arrived.</summary>
    internal IReadOnlyList<(string Name, string Value)> ResponseHeaders { get; private set; } = [];

    /// <summary>Trailers, once the call ended.</summary>
    internal IReadOnlyList<(string Name, string Value)> Trailers { get; private set; } = [];

    /// <summary>Starts the call: connection preface, SETTINGS, then the request headers.</summary>
    /// <param name="transport">A connected byte stream that speaks HTTP/2 (prior knowledge); the call owns it.</param>
    /// <param name="scheme">The <c>:scheme</c>: <c>https</c> when <paramref name="transport"/> is TLS.</param>
    /// <param name="authority">The <c>:authority</c>.</param>
    /// <param name="path">The method path, as in <c>/moby.buildkit.v1.Control/Session</c>.</param>
    /// <param name="metadata">Request metadata, sent in order, one header field per entry.</param>
    /// <param name="cancellationToken">Abandons the start.</param>
    internal static async Task<Http2GrpcCall> StartAsync(
        Stream transport,
        string scheme,
        string authority,
        string path,
        IEnumerable<(string Name, string Value)> metadata,
        CancellationToken cancellationToken)
    {
        var call = new Http2GrpcCall(transport);
        var settings = new byte[18];
        WriteSetting(settings.AsSpan(0), 0x2, 0); // ENABLE_PUSH
        WriteSetting(settings.AsSpan(6), 0x4, OurWindow); // INITIAL_WINDOW_SIZE
        WriteSetting(settings.AsSpan(12), 0x5, OurMaxFrameSize); // MAX_FRAME_SIZE
        var headers = new List<(string Name, string Value)>
        {
            (":method", "POST"),
            (":scheme", scheme),
            (":path", path),
            (":authority", authority),
            ("content-type", "application/grpc"),
            ("te", "trailers"),
        };
        headers.AddRange(metadata.Select(m => (m.Name.ToLowerInvariant(), m.Value)));

        var frames = new List<byte[]> { Preface, new Http2Frame(Http2FrameType.Settings, 0, 0, settings).Serialize() };
        frames.Add(WindowUpdate(0, OurWindow - DefaultWindow));
        frames.AddRange(HeaderFrames(HpackEncoder.Encode(headers), 16_384));
        await transport.WriteAsync(frames.SelectMany(f => f).ToArray(), cancellationToken).ConfigureAwait(false);
        await transport.FlushAsync(cancellationToken).ConfigureAwait(false);
        call.reader = call.ReadLoopAsync();
        return call;
    }

    /// <summary>Sends one gRPC message, waiting for flow-control credit as needed.</summary>
    internal async Task WriteMessageAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var framed = new byte[5 + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)message.Length);
        message.CopyTo(framed.AsMemory(5));
        var offset = 0;
        while (offset < framed.Length)
        {
            var chunk = await ReserveAsync(framed.Length - offset, cancellationToken).ConfigureAwait(false);
            await WriteFrameAsync(new Http2Frame(Http2FrameType.Data, 0, StreamId, framed[offset..(offset + chunk)]), cancellationToken).ConfigureAwait(false);
            offset += chunk;
        }
    }

    /// <summary>Reads the next gRPC message; null when the server ended the call with status OK.</summary>
    /// <exception cref="Http2ProtocolException">The call failed: a non-OK status, a reset, or a broken connection.</exception>
    internal async Task<byte[]?> ReadMessageAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await messages.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            if (failure is not null)
            {
                throw new Http2ProtocolException(failure.Message, failure);
            }

            return null;
        }
    }

    /// <summary>Ends the client's half of the stream (an empty DATA frame with END_STREAM).</summary>
    internal async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (localClosed)
        {
            return;
        }

        localClosed = true;
        await WriteFrameAsync(new Http2Frame(Http2FrameType.Data, Http2Frame.EndStream, StreamId, []), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!remoteClosed && failure is null)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                var code = new byte[4];
                BinaryPrimitives.WriteUInt32BigEndian(code, 0x8); // CANCEL
                await WriteFrameAsync(new Http2Frame(Http2FrameType.RstStream, 0, StreamId, code), timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection is going away anyway.
        }

        await stop.CancelAsync().ConfigureAwait(false);
        await transport.DisposeAsync().ConfigureAwait(false);
        try
        {
            await reader.ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // Stopped on purpose.
        }

        stop.Dispose();
        writeLock.Dispose();
    }

    /// <summary>Splits a header block into HEADERS and CONTINUATION frames of at most <paramref name="maxFrameSize"/>.</summary>
    internal static List<byte[]> HeaderFrames(byte[] block, int maxFrameSize)
    {
        var frames = new List<byte[]>();
        var offset = 0;
        do
        {
            var length = Math.Min(maxFrameSize, block.Length - offset);
            var last = offset + length == block.Length;
            var type = offset == 0 ? Http2FrameType.Headers : Http2FrameType.Continuation;
            frames.Add(new Http2Frame(type, last ? Http2Frame.EndHeaders : (byte)0, StreamId, block[offset..(offset + length)]).Serialize());
            offset += length;
        }
        while (offset < block.Length);
        return frames;
    }

    private static void WriteSetting(Span<byte> destination, ushort id, int value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, id);
        BinaryPrimitives.WriteUInt32BigEndian(destination[2..], (uint)value);
    }

    private static byte[] WindowUpdate(int streamId, int increment)
    {
        var payload = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(payload, (uint)increment);
        return new Http2Frame(Http2FrameType.WindowUpdate, 0, streamId, payload).Serialize();
    }

    private async Task<int> ReserveAsync(int wanted, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (windowGate)
            {
                if (failure is not null)
                {
                    throw new Http2ProtocolException(failure.Message, failure);
                }

                if (remoteClosed)
                {
                    throw new Http2ProtocolException("the server ended the call");
                }

                var available = Math.Min(Math.Min(connectionSendWindow, streamSendWindow), peerMaxFrameSize);
                if (available > 0)
                {
                    var chunk = (int)Math.Min(available, wanted);
                    connectionSendWindow -= chunk;
                    streamSendWindow -= chunk;
                    return chunk;
                }

                wait = windowOpened.Task;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void SignalWindow()
    {
        var opened = windowOpened;
        windowOpened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        opened.TrySetResult();
    }

    private async Task WriteFrameAsync(Http2Frame frame, CancellationToken cancellationToken) =>
        await WriteRawAsync(frame.Serialize(), cancellationToken).ConfigureAwait(false);

    private async Task WriteRawAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        await writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await transport.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await transport.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            writeLock.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        var token = stop.Token;
        List<byte>? headerBlock = null;
        var headerBlockEndsStream = false;
        try
        {
            while (true)
            {
                var frame = await Http2Frame.ReadAsync(transport, OurMaxFrameSize, token).ConfigureAwait(false);
                if (frame is null)
                {
                    if (!remoteClosed)
                    {
                        throw new Http2ProtocolException("the server closed the connection during the call");
                    }

                    break;
                }

                if (headerBlock is not null && frame.Type != Http2FrameType.Continuation)
                {
                    throw new Http2ProtocolException($"expected CONTINUATION, got {frame.Type}");
                }

                switch (frame.Type)
                {
                    case Http2FrameType.Settings:
                        await OnSettingsAsync(frame, token).ConfigureAwait(false);
                        break;
                    case Http2FrameType.Ping when !frame.Has(Http2Frame.Ack):
                        await WriteFrameAsync(new Http2Frame(Http2FrameType.Ping, Http2Frame.Ack, 0, frame.Payload), token).ConfigureAwait(false);
                        break;
                    case Http2FrameType.WindowUpdate:
                        OnWindowUpdate(frame);
                        break;
                    case Http2FrameType.GoAway:
                        OnGoAway(frame);
                        break;
                    case Http2FrameType.RstStream when frame.StreamId == StreamId:
                        var code = frame.Payload.Length >= 4 ? BinaryPrimitives.ReadUInt32BigEndian(frame.Payload) : 0;
                        throw new Http2ProtocolException($"the server reset the call (HTTP/2 error code {code})");
                    case Http2FrameType.PushPromise:
                        throw new Http2ProtocolException("the server sent PUSH_PROMISE although push is disabled");
                    case Http2FrameType.Headers when frame.StreamId == StreamId:
                        headerBlock = [.. frame.Content()];
                        headerBlockEndsStream = frame.Has(Http2Frame.EndStream);
                        if (frame.Has(Http2Frame.EndHeaders))
                        {
                            OnHeaderBlock([.. headerBlock], headerBlockEndsStream);
                            headerBlock = null;
                        }

                        break;
                    case Http2FrameType.Continuation:
                        if (headerBlock is null || frame.StreamId != StreamId)
                        {
                            throw new Http2ProtocolException("CONTINUATION without a header block");
                        }

                        headerBlock.AddRange(frame.Payload);
                        if (frame.Has(Http2Frame.EndHeaders))
                        {
                            OnHeaderBlock([.. headerBlock], headerBlockEndsStream);
                            headerBlock = null;
                        }

                        break;
                    case Http2FrameType.Data when frame.StreamId == StreamId:
                        await OnDataAsync(frame, token).ConfigureAwait(false);
                        break;
                }

                if (remoteClosed)
                {
                    messages.Writer.TryComplete();
                }
            }
        }
        catch (Exception e) when (e is Http2ProtocolException or IOException or EndOfStreamException or ObjectDisposedException or OperationCanceledException)
        {
            Fail(token.IsCancellationRequested ? new Http2ProtocolException("the call was closed") : e);
        }
    }

    private void Fail(Exception e)
    {
        lock (windowGate)
        {
            failure ??= e;
            SignalWindow();
        }

        messages.Writer.TryComplete();
    }

    private async Task OnSettingsAsync(Http2Frame frame, CancellationToken cancellationToken)
    {
        if (frame.Has(Http2Frame.Ack))
        {
            return;
        }

        if (frame.Payload.Length % 6 != 0)
        {
            throw new Http2ProtocolException("malformed SETTINGS frame");
        }

        for (var i = 0; i < frame.Payload.Length; i += 6)
        {
            var id = BinaryPrimitives.ReadUInt16BigEndian(frame.Payload.AsSpan(i));
            var value = BinaryPrimitives.ReadUInt32BigEndian(frame.Payload.AsSpan(i + 2));
            switch (id)
            {
                case 0x4 when value > int.MaxValue:
                    throw new Http2ProtocolException("SETTINGS_INITIAL_WINDOW_SIZE above 2^31-1");
                case 0x4:
                    lock (windowGate)
                    {
                        // A new initial size moves the window of the open stream by the difference.
                        streamSendWindow += (int)value - peerInitialWindow;
                        peerInitialWindow = (int)value;
                        SignalWindow();
                    }

                    break;
                case 0x5 when value is < 16_384 or > Http2Frame.MaxAllowedFrameSize:
                    throw new Http2ProtocolException($"invalid SETTINGS_MAX_FRAME_SIZE {value}");
                case 0x5:
                    lock (windowGate)
                    {
                        peerMaxFrameSize = (int)value;
                    }

                    break;
            }
        }

        await WriteFrameAsync(new Http2Frame(Http2FrameType.Settings, Http2Frame.Ack, 0, []), cancellationToken).ConfigureAwait(false);
    }

    private void OnWindowUpdate(Http2Frame frame)
    {
        if (frame.Payload.Length != 4)
        {
            throw new Http2ProtocolException("malformed WINDOW_UPDATE frame");
        }

        var increment = BinaryPrimitives.ReadUInt32BigEndian(frame.Payload) & 0x7FFF_FFFF;
        lock (windowGate)
        {
            if (frame.StreamId == 0)
            {
                connectionSendWindow += increment;
            }
            else if (frame.StreamId == StreamId)
            {
                streamSendWindow += increment;
            }

            SignalWindow();
        }
    }

    private static void OnGoAway(Http2Frame frame)
    {
        if (frame.Payload.Length < 8)
        {
            throw new Http2ProtocolException("malformed GOAWAY frame");
        }

        var lastStream = (int)(BinaryPrimitives.ReadUInt32BigEndian(frame.Payload) & 0x7FFF_FFFF);
        var code = BinaryPrimitives.ReadUInt32BigEndian(frame.Payload.AsSpan(4));
        // A graceful GOAWAY that covers our stream lets the call finish; anything else ends it now.
        if (lastStream < StreamId || code != 0)
        {
            var debug = Encoding.UTF8.GetString(frame.Payload.AsSpan(8));
            throw new Http2ProtocolException($"the server is closing the connection (GOAWAY, error code {code}{(debug.Length > 0 ? ": " + debug : string.Empty)})");
        }
    }

    private void OnHeaderBlock(byte[] block, bool endStream)
    {
        var headers = decoder.Decode(block);
        if (!responseHeadersSeen)
        {
            responseHeadersSeen = true;
            ResponseHeaders = headers;
            var status = headers.FirstOrDefault(h => h.Name == ":status").Value;
            if (status != "200")
            {
                throw new Http2ProtocolException($"the server answered HTTP {status ?? "(no status)"}");
            }

            if (!endStream)
            {
                return;
            }
        }
        else if (!endStream)
        {
            throw new Http2ProtocolException("a second header block that does not end the stream");
        }

        Trailers = headers;
        remoteClosed = true;
        var grpcStatus = headers.FirstOrDefault(h => h.Name == "grpc-status").Value;
        if (grpcStatus is null)
        {
            throw new Http2ProtocolException("the call ended without a grpc-status");
        }

        if (grpcStatus != "0")
        {
            var message = Uri.UnescapeDataString(headers.FirstOrDefault(h => h.Name == "grpc-message").Value ?? string.Empty);
            throw new Http2ProtocolException($"the call failed with gRPC status {grpcStatus}{(message.Length > 0 ? ": " + message : string.Empty)}");
        }
    }

    private async Task OnDataAsync(Http2Frame frame, CancellationToken cancellationToken)
    {
        if (!responseHeadersSeen)
        {
            throw new Http2ProtocolException("DATA before response headers");
        }

        // Credit is returned at once: what arrives is bounded by the inner session's own flow control.
        if (frame.Payload.Length > 0)
        {
            await WriteRawAsync([.. WindowUpdate(0, frame.Payload.Length), .. WindowUpdate(StreamId, frame.Payload.Length)], cancellationToken).ConfigureAwait(false);
        }

        pendingMessage.AddRange(frame.Content());
        while (pendingMessage.Count >= 5)
        {
            if (pendingMessage[0] != 0)
            {
                throw new Http2ProtocolException("the server sent a compressed gRPC message, which was not negotiated");
            }

            var length = (int)BinaryPrimitives.ReadUInt32BigEndian([pendingMessage[1], pendingMessage[2], pendingMessage[3], pendingMessage[4]]);
            if (pendingMessage.Count < 5 + length)
            {
                break;
            }

            var message = pendingMessage.GetRange(5, length).ToArray();
            pendingMessage.RemoveRange(0, 5 + length);
            messages.Writer.TryWrite(message);
        }

        if (frame.Has(Http2Frame.EndStream))
        {
            // END_STREAM on DATA means no trailers, so no grpc-status: that is a broken call.
            remoteClosed = true;
            throw new Http2ProtocolException(string.Create(CultureInfo.InvariantCulture, $"the server ended the call without trailers ({pendingMessage.Count} bytes left over)"));
        }
    }
}
