using System.Buffers.Binary;
using System.Net.Sockets;
using Dagger.Runtime.BuildKit;
using Dagger.Runtime.BuildKit.Protocol.Control;
using Dagger.Runtime.BuildKit.Protocol.Fsutil;
using Dagger.Runtime.BuildKit.Protocol.Health;
using Dagger.Runtime.BuildKit.Protocol.Secrets;
using Dagger.Runtime.BuildKit.Session;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Dagger.BuildKit.UnitTests.Http2;

/// <summary>
/// A client session through the Control.Session tunnel, with a fake buildkitd (Kestrel) that, like the real one,
/// turns the tunnel into a gRPC client connection and calls the session's services.
/// </summary>
[TestClass]
public sealed class StandaloneSessionTests
{
    [TestMethod]
    public async Task The_daemon_side_calls_health_secrets_and_file_sync_through_the_tunnel()
    {
        var socket = Path.Combine(Path.GetTempPath(), $"dagger-bk-{Guid.NewGuid():N}.sock");
        var tunnelReady = new TaskCompletionSource<(Stream Stream, string[] Methods)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o => o.ListenUnixSocket(socket, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddRouting();
        await using var app = builder.Build();
        app.UseRouting();
        app.MapPost(SessionTunnel.SessionPath, async context =>
        {
            context.Response.ContentType = "application/grpc";
            context.Response.AppendTrailer("grpc-status", "0");
            await context.Response.StartAsync();
            var methods = context.Request.Headers["x-docker-expose-session-grpc-method"].Select(v => v!).ToArray();
            tunnelReady.SetResult((new BytesMessageStream(context.Request.Body, context.Response.Body), methods));
            await finished.Task;
        });
        await app.StartAsync();

        var source = Directory.CreateTempSubdirectory("dagger-standalone-src-").FullName;
        var destination = Directory.CreateTempSubdirectory("dagger-standalone-dst-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(source, "keep.txt"), "kept\n");
            File.WriteAllText(Path.Combine(source, "skip.log"), "skipped\n");
            Directory.CreateDirectory(Path.Combine(source, "sub"));
            var big = new byte[300_000];
            new Random(3).NextBytes(big);
            File.WriteAllBytes(Path.Combine(source, "sub", "big.bin"), big);

            await using var session = await ClientSession.StartAsync(
                async (headers, ct) => await SessionTunnel.OpenAsync(await ConnectUnixAsync(socket), headers, ct),
                new ClientSessionOptions(),
                CancellationToken.None);
            session.AddDirectory("src", new LocalDirectory(source));
            session.SetSecret("token", "s3cret"u8);

            var (tunnel, advertised) = await tunnelReady.Task.WaitAsync(TimeSpan.FromSeconds(10));
            CollectionAssert.AreEqual(SessionServer.Methods.ToArray(), advertised);
            using var channel = GrpcChannel.ForAddress("http://session", new GrpcChannelOptions
            {
                HttpHandler = new SocketsHttpHandler { ConnectCallback = (_, _) => ValueTask.FromResult(tunnel) },
            });
            var invoker = channel.CreateCallInvoker();

            var health = await invoker.AsyncUnaryCall(Method<HealthCheckRequest, HealthCheckResponse>(MethodType.Unary, "grpc.health.v1.Health", "Check"), null, default, new HealthCheckRequest());
            Assert.AreEqual(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);

            var secret = await invoker.AsyncUnaryCall(Method<GetSecretRequest, GetSecretResponse>(MethodType.Unary, "moby.buildkit.secrets.v1.Secrets", "GetSecret"), null, default, new GetSecretRequest { ID = "token" });
            Assert.AreEqual("s3cret", secret.Data.ToStringUtf8());
            var missing = await Assert.ThrowsExactlyAsync<RpcException>(async () => await invoker.AsyncUnaryCall(
                Method<GetSecretRequest, GetSecretResponse>(MethodType.Unary, "moby.buildkit.secrets.v1.Secrets", "GetSecret"), null, default, new GetSecretRequest { ID = "other" }));
            Assert.AreEqual(StatusCode.NotFound, missing.StatusCode);

            var metadata = new Metadata { { "dir-name", "src" }, { "exclude-patterns", "*.log" } };
            using var diff = invoker.AsyncDuplexStreamingCall(Method<Packet, Packet>(MethodType.DuplexStreaming, "moby.filesync.v1.FileSync", "DiffCopy"), null, new CallOptions(metadata));
            var entries = await DirectoryReceiver.ReceiveAsync(destination, new CallChannel(diff), CancellationToken.None);
            Assert.AreEqual(3, entries);
            Assert.AreEqual("kept\n", File.ReadAllText(Path.Combine(destination, "keep.txt")));
            CollectionAssert.AreEqual(big, File.ReadAllBytes(Path.Combine(destination, "sub", "big.bin")));
            Assert.IsFalse(File.Exists(Path.Combine(destination, "skip.log")));
            Assert.AreEqual(big.Length + 5L, session.BytesSent);
        }
        finally
        {
            finished.SetResult();
            Directory.Delete(source, recursive: true);
            Directory.Delete(destination, recursive: true);
            await app.StopAsync();
            File.Delete(socket);
        }
    }

    private static Method<TRequest, TResponse> Method<TRequest, TResponse>(MethodType type, string service, string name)
        where TRequest : IMessage<TRequest>, new()
        where TResponse : IMessage<TResponse>, new() =>
        new(type, service, name, Marshallers.Create<TRequest>(m => m.ToByteArray(), b => new MessageParser<TRequest>(() => new TRequest()).ParseFrom(b)),
            Marshallers.Create<TResponse>(m => m.ToByteArray(), b => new MessageParser<TResponse>(() => new TResponse()).ParseFrom(b)));

    private static async Task<Stream> ConnectUnixAsync(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path));
        return new NetworkStream(socket, ownsSocket: true);
    }

    private sealed class CallChannel(AsyncDuplexStreamingCall<Packet, Packet> call) : IPacketChannel
    {
        public async Task<Packet?> ReadAsync(CancellationToken cancellationToken) =>
            await call.ResponseStream.MoveNext(cancellationToken) ? call.ResponseStream.Current : null;

        public Task WriteAsync(Packet packet, CancellationToken cancellationToken) => call.RequestStream.WriteAsync(packet, cancellationToken);
    }

    /// <summary>The daemon's end of the tunnel: gRPC-framed BytesMessages in, the same out.</summary>
    private sealed class BytesMessageStream(Stream input, Stream output) : Stream
    {
        private ReadOnlyMemory<byte> leftover;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            while (leftover.IsEmpty)
            {
                var prefix = new byte[5];
                if (await input.ReadAtLeastAsync(prefix, 5, throwOnEndOfStream: false, cancellationToken) < 5)
                {
                    return 0;
                }

                var payload = new byte[BinaryPrimitives.ReadUInt32BigEndian(prefix.AsSpan(1))];
                await input.ReadExactlyAsync(payload, cancellationToken);
                leftover = BytesMessage.Parser.ParseFrom(payload).Data.Memory;
            }

            var count = Math.Min(buffer.Length, leftover.Length);
            leftover[..count].CopyTo(buffer);
            leftover = leftover[count..];
            return count;
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var message = new BytesMessage { Data = ByteString.CopyFrom(buffer.Span) }.ToByteArray();
            var framed = new byte[5 + message.Length];
            BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)message.Length);
            message.CopyTo(framed, 5);
            await output.WriteAsync(framed, cancellationToken);
            await output.FlushAsync(cancellationToken);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
