using Dagger.Runtime.BuildKit.Protocol.FileSync;
using Dagger.Runtime.BuildKit.Protocol.Fsutil;

using Grpc.Core;

namespace Dagger.Runtime.BuildKit.Session;

/// <summary>Sends local directories to the daemon (<c>local://NAME</c> sources).</summary>
internal sealed class FileSyncService(SessionState state) : FileSync.FileSyncBase
{
    private const string DirNameKey = "dir-name";
    private const string IncludeKey = "include-patterns";
    private const string ExcludeKey = "exclude-patterns";
    private const string OverrideExcludesKey = "override-excludes";

    /// <inheritdoc />
    public override async Task DiffCopy(IAsyncStreamReader<Packet> requestStream, IServerStreamWriter<Packet> responseStream, ServerCallContext context)
    {
        var headers = context.RequestHeaders;
        var name = headers.GetValue(DirNameKey) ?? string.Empty;
        if (!state.Directories.TryGetValue(name, out var directory))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"no access allowed to dir \"{name}\""));
        }

        var includes = Values(context, IncludeKey);
        var excludes = Values(context, ExcludeKey);
        if (directory.ExcludePatterns is { Count: > 0 } && headers.GetValue(OverrideExcludesKey) != "true")
        {
            excludes = [.. directory.ExcludePatterns];
        }

        if (includes.Count == 0 && directory.IncludePatterns is { Count: > 0 })
        {
            includes = [.. directory.IncludePatterns];
        }

        var sent = await DirectorySender.SendAsync(
            directory.Path,
            new PathFilter(includes, excludes),
            new GrpcPacketChannel(requestStream, responseStream),
            context.CancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref state.BytesSent, sent);
    }

    // Read from the HTTP request, where each repeated header line is its own value; gRPC's metadata view joins them.
    private static List<string> Values(ServerCallContext context, string key) =>
        context.GetHttpContext().Request.Headers[key].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();

    private sealed class GrpcPacketChannel(IAsyncStreamReader<Packet> reader, IServerStreamWriter<Packet> writer) : IPacketChannel
    {
        public async Task<Packet?> ReadAsync(CancellationToken cancellationToken) =>
            await reader.MoveNext(cancellationToken).ConfigureAwait(false) ? reader.Current : null;

        public Task WriteAsync(Packet packet, CancellationToken cancellationToken) => writer.WriteAsync(packet, cancellationToken);
    }
}
