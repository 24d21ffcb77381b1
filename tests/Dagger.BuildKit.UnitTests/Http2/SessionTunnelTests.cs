using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Dagger.Runtime.BuildKit;
using Dagger.Runtime.BuildKit.Http2;
using Dagger.Runtime.BuildKit.Session;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Dagger.BuildKit.UnitTests.Http2;

/// <summary>The standalone-buildkitd session path, down to the framing, against fake peers.</summary>
[TestClass]
public sealed class SessionTunnelTests
{
    [TestMethod]
    public async Task Kestrel_as_the_peer_sees_one_header_line_per_method_and_echoes_a_megabyte()
    {
        var socket = Path.Combine(Path.GetTempPath(), $"dagger-h2-{Guid.NewGuid():N}.sock");
        var methods = new List<string>();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o => o.ListenUnixSocket(socket, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddRouting();
        await using var app = builder.Build();
        app.UseRouting();
        app.MapPost(SessionTunnel.SessionPath, async context =>
        {
            lock (methods)
            {
                methods.AddRange(context.Request.Headers["x-docker-expose-session-grpc-method"].Select(v => v!));
            }

            context.Response.ContentType = "application/grpc";
            context.Response.AppendTrailer("grpc-status", "0");
            await context.Response.StartAsync();
            // Each request message is a BytesMessage; echoing the framed bytes sends the same messages back.
            await context.Request.Body.CopyToAsync(context.Response.Body);
        });
        await app.StartAsync();

        var headers = ClientSession.Headers("session-id", new ClientSessionOptions { SharedKey = "key" });
        var connection = await ConnectUnixAsync(socket);
        await using var tunnel = await SessionTunnel.OpenAsync(connection, headers, CancellationToken.None);

        var payload = new byte[1024 * 1024];
        new Random(7).NextBytes(payload);
        var write = tunnel.WriteAsync(payload).AsTask();
        var received = new byte[payload.Length];
        await tunnel.ReadExactlyAsync(received);
        await write;
        CollectionAssert.AreEqual(payload, received);
        CollectionAssert.AreEqual(SessionServer.Methods.ToArray(), methods.ToArray());
        await tunnel.DisposeAsync();
        await app.StopAsync();
        File.Delete(socket);
    }

    [TestMethod]
    public async Task Continuation_ping_settings_flow_control_and_trailers_are_handled()
    {
        await using var peer = await FakePeer.StartAsync();
        var call = await Http2GrpcCall.StartAsync(peer.ClientStream, "http", "buildkitd", "/svc/Method", [("x-a", "1"), ("x-a", "2")], CancellationToken.None);
        await using var _ = call;

        var request = await peer.ReadRequestAsync();
        CollectionAssert.Contains(request, ("x-a", "1"));
        CollectionAssert.Contains(request, ("x-a", "2"));
        Assert.AreEqual(("x-a", "1"), request[request.Count - 2]);

        // A tiny window: the client must not send more than 10 bytes of DATA until credit arrives.
        await peer.WriteSettingsAsync(initialWindow: 10);
        await peer.WriteFrameAsync(Http2FrameType.Ping, 0, 0, [1, 2, 3, 4, 5, 6, 7, 8]);
        var ping = await peer.ReadUntilAsync(f => f.Type == Http2FrameType.Ping);
        Assert.AreEqual(Http2Frame.Ack, ping.Flags);
        CollectionAssert.AreEqual(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, ping.Payload);

        var send = call.WriteMessageAsync(new byte[20], CancellationToken.None);
        var firstData = await peer.ReadUntilAsync(f => f.Type == Http2FrameType.Data);
        Assert.AreEqual(10, firstData.Payload.Length);
        await Task.Delay(100);
        Assert.IsFalse(send.IsCompleted, "the client sent past its flow-control window");
        await peer.WriteFrameAsync(Http2FrameType.WindowUpdate, 0, 1, BigEndian(100));
        await peer.WriteFrameAsync(Http2FrameType.WindowUpdate, 0, 0, BigEndian(100));
        var secondData = await peer.ReadUntilAsync(f => f.Type == Http2FrameType.Data);
        Assert.AreEqual(15, secondData.Payload.Length);
        await send;

        // Response headers split over HEADERS and CONTINUATION, Huffman-coded and indexed into the dynamic table.
        var block = new List<byte> { 0x88 }; // :status 200
        block.Add(0x5f); // literal with incremental indexing, name index 31 (content-type)
        var huffman = HpackHuffman.Encode("application/grpc"u8);
        block.Add((byte)(0x80 | huffman.Length));
        block.AddRange(huffman);
        var bytes = block.ToArray();
        await peer.WriteFrameAsync(Http2FrameType.Headers, 0, 1, bytes[..3]);
        await peer.WriteFrameAsync(Http2FrameType.Continuation, Http2Frame.EndHeaders, 1, bytes[3..]);
        await peer.WriteFrameAsync(Http2FrameType.Data, 0, 1, GrpcMessage([9, 8, 7]));
        var message = await call.ReadMessageAsync(CancellationToken.None);
        CollectionAssert.AreEqual(new byte[] { 9, 8, 7 }, message);
        Assert.AreEqual(("content-type", "application/grpc"), call.ResponseHeaders[1]);

        // Trailers that reuse the dynamic table entry (index 62) and end the call.
        var trailers = new List<byte> { 0xBE, 0x00 };
        trailers.AddRange(Literal("grpc-status"));
        trailers.AddRange(Literal("0"));
        await peer.WriteFrameAsync(Http2FrameType.Headers, Http2Frame.EndHeaders | Http2Frame.EndStream, 1, [.. trailers]);
        Assert.IsNull(await call.ReadMessageAsync(CancellationToken.None));
        Assert.AreEqual(("content-type", "application/grpc"), call.Trailers[0]);
    }

    [TestMethod]
    public async Task A_failing_status_in_the_trailers_is_reported_with_its_message()
    {
        await using var peer = await FakePeer.StartAsync();
        await using var call = await Http2GrpcCall.StartAsync(peer.ClientStream, "http", "buildkitd", "/svc/Method", [], CancellationToken.None);
        await peer.ReadRequestAsync();
        var block = new List<byte> { 0x88, 0x00 };
        block.AddRange(Literal("grpc-status"));
        block.AddRange(Literal("7"));
        block.Add(0x00);
        block.AddRange(Literal("grpc-message"));
        block.AddRange(Literal("no%20session%20for%20you"));
        await peer.WriteFrameAsync(Http2FrameType.Headers, Http2Frame.EndHeaders | Http2Frame.EndStream, 1, [.. block]);
        var error = await Assert.ThrowsExactlyAsync<Http2ProtocolException>(() => call.ReadMessageAsync(CancellationToken.None));
        StringAssert.Contains(error.Message, "gRPC status 7: no session for you");
    }

    [TestMethod]
    public async Task Goaway_with_an_error_ends_the_call()
    {
        await using var peer = await FakePeer.StartAsync();
        await using var call = await Http2GrpcCall.StartAsync(peer.ClientStream, "http", "buildkitd", "/svc/Method", [], CancellationToken.None);
        await peer.ReadRequestAsync();
        await peer.WriteFrameAsync(Http2FrameType.GoAway, 0, 0, [.. BigEndian(0), .. BigEndian(2), .. "overloaded"u8]);
        var error = await Assert.ThrowsExactlyAsync<Http2ProtocolException>(() => call.ReadMessageAsync(CancellationToken.None));
        StringAssert.Contains(error.Message, "GOAWAY, error code 2: overloaded");
        await Assert.ThrowsExactlyAsync<Http2ProtocolException>(() => call.WriteMessageAsync(new byte[1], CancellationToken.None));
    }

    [TestMethod]
    public void Large_header_blocks_are_split_into_continuation_frames()
    {
        var frames = Http2GrpcCall.HeaderFrames(new byte[40_000], 16_384);
        Assert.HasCount(3, frames);
        Assert.AreEqual((byte)Http2FrameType.Headers, frames[0][3]);
        Assert.AreEqual(0, frames[0][4]);
        Assert.AreEqual((byte)Http2FrameType.Continuation, frames[1][3]);
        Assert.AreEqual((byte)Http2FrameType.Continuation, frames[2][3]);
        Assert.AreEqual(Http2Frame.EndHeaders, frames[2][4]);
        Assert.AreEqual(40_000 - (2 * 16_384), (frames[2][0] << 16) | (frames[2][1] << 8) | frames[2][2]);
    }

    private static byte[] BigEndian(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] GrpcMessage(byte[] payload) => [0, .. BigEndian(payload.Length), .. payload];

    private static byte[] Literal(string text) => [(byte)text.Length, .. System.Text.Encoding.ASCII.GetBytes(text)];

    private static async Task<Stream> ConnectUnixAsync(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path));
        return new NetworkStream(socket, ownsSocket: true);
    }

    /// <summary>A hand-driven HTTP/2 server end on loopback TCP.</summary>
    private sealed class FakePeer : IAsyncDisposable
    {
        private readonly TcpListener listener;
        private readonly NetworkStream server;
        private readonly HpackDecoder decoder = new();

        private FakePeer(TcpListener listener, NetworkStream server, Stream client)
        {
            this.listener = listener;
            this.server = server;
            ClientStream = client;
        }

        public Stream ClientStream { get; }

        public static async Task<FakePeer> StartAsync()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var client = new TcpClient();
            var accept = listener.AcceptTcpClientAsync();
            await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
            var server = await accept;
            return new FakePeer(listener, server.GetStream(), client.GetStream());
        }

        /// <summary>Reads the preface and frames up to the request's complete header block; returns the headers.</summary>
        public async Task<List<(string Name, string Value)>> ReadRequestAsync()
        {
            var preface = new byte[24];
            await server.ReadExactlyAsync(preface);
            Assert.AreEqual("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", System.Text.Encoding.ASCII.GetString(preface));
            var block = new List<byte>();
            while (true)
            {
                var frame = await ReadFrameAsync();
                if (frame.Type is Http2FrameType.Headers or Http2FrameType.Continuation)
                {
                    block.AddRange(frame.Payload);
                    if (frame.Has(Http2Frame.EndHeaders))
                    {
                        return decoder.Decode(block.ToArray());
                    }
                }
            }
        }

        public async Task<Http2Frame> ReadUntilAsync(Func<Http2Frame, bool> match)
        {
            while (true)
            {
                var frame = await ReadFrameAsync();
                if (match(frame))
                {
                    return frame;
                }
            }
        }

        public Task WriteSettingsAsync(int initialWindow)
        {
            var payload = new byte[6];
            BinaryPrimitives.WriteUInt16BigEndian(payload, 0x4);
            BinaryPrimitives.WriteInt32BigEndian(payload.AsSpan(2), initialWindow);
            return WriteFrameAsync(Http2FrameType.Settings, 0, 0, payload);
        }

        public async Task WriteFrameAsync(Http2FrameType type, byte flags, int stream, byte[] payload) =>
            await server.WriteAsync(new Http2Frame(type, flags, stream, payload).Serialize());

        public async ValueTask DisposeAsync()
        {
            await server.DisposeAsync();
            listener.Stop();
            listener.Dispose();
        }

        private async Task<Http2Frame> ReadFrameAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            return await Http2Frame.ReadAsync(server, 1 << 24, timeout.Token) ?? throw new EndOfStreamException();
        }
    }
}
