using Grpc.Core;

namespace Dagger.Runtime.BuildKit.Session;

/// <summary>The FileSend contract, shaped the way Grpc.AspNetCore binds generated services.</summary>
[BindServiceMethod(typeof(FileSendService), nameof(FileSendService.BindService))]
internal abstract class FileSendServiceBase
{
    /// <summary>Handles one export transfer.</summary>
    public abstract Task DiffCopy(IAsyncStreamReader<byte[]> requestStream, IServerStreamWriter<byte[]> responseStream, ServerCallContext context);
}
