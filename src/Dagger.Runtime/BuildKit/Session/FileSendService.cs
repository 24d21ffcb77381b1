using Dagger.Runtime.BuildKit.Protocol.FileSync;
using Dagger.Runtime.BuildKit.Protocol.Fsutil;

using Google.Protobuf;

using Grpc.Core;

namespace Dagger.Runtime.BuildKit.Session;

/// <summary>
/// Receives exports (<c>moby.filesync.v1.FileSend/DiffCopy</c>). The local exporter sends fsutil packets and the tar
/// exporter sends raw chunks over the same method, so it is bound by hand with byte marshallers and decoded by what
/// the export in progress expects.
/// </summary>
internal sealed class FileSendService(SessionState state) : FileSendServiceBase
{
    internal const string ServiceName = "moby.filesync.v1.FileSend";

    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(bytes => bytes, bytes => bytes);

    internal static readonly Method<byte[], byte[]> DiffCopyMethod =
        new(MethodType.DuplexStreaming, ServiceName, "DiffCopy", Raw, Raw);

    /// <summary>Registers the method; Grpc.AspNetCore finds this through the attribute on <see cref="FileSendServiceBase"/>.</summary>
    public static void BindService(ServiceBinderBase binder, FileSendServiceBase? service) =>
        binder.AddMethod(DiffCopyMethod, service is null ? null : service.DiffCopy);

    /// <summary>Handles one export transfer.</summary>
    public override async Task DiffCopy(IAsyncStreamReader<byte[]> requestStream, IServerStreamWriter<byte[]> responseStream, ServerCallContext context)
    {
        var export = state.Export
            ?? throw new RpcException(new Status(StatusCode.FailedPrecondition, "this session is not expecting an export"));
        if (export.Directory is { } directory)
        {
            await DirectoryReceiver.ReceiveAsync(directory, new RawPacketChannel(requestStream, responseStream), context.CancellationToken)
                .ConfigureAwait(false);
            return;
        }

        var file = new FileStream(export.TarFile!, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            while (await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
            {
                var chunk = BytesMessage.Parser.ParseFrom(requestStream.Current);
                await file.WriteAsync(chunk.Data.Memory, context.CancellationToken).ConfigureAwait(false);
            }
        }
    }

    private sealed class RawPacketChannel(IAsyncStreamReader<byte[]> reader, IServerStreamWriter<byte[]> writer) : IPacketChannel
    {
        public async Task<Packet?> ReadAsync(CancellationToken cancellationToken) =>
            await reader.MoveNext(cancellationToken).ConfigureAwait(false) ? Packet.Parser.ParseFrom(reader.Current) : null;

        public Task WriteAsync(Packet packet, CancellationToken cancellationToken) => writer.WriteAsync(packet.ToByteArray(), cancellationToken);
    }
}
