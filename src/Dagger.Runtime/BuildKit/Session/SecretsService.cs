using Dagger.Runtime.BuildKit.Protocol.Secrets;

using Google.Protobuf;

using Grpc.Core;

namespace Dagger.Runtime.BuildKit.Session;

/// <summary>Serves secret mounts from memory. Neither ids' values nor values ever reach a log or an exception.</summary>
internal sealed class SecretsService(SessionState state) : Secrets.SecretsBase
{
    /// <inheritdoc />
    public override Task<GetSecretResponse> GetSecret(GetSecretRequest request, ServerCallContext context) =>
        state.Secrets.TryGetValue(request.ID, out var value)
            ? Task.FromResult(new GetSecretResponse { Data = ByteString.CopyFrom(value) })
            // NotFound is what lets the daemon treat an optional secret as absent.
            : throw new RpcException(new Status(StatusCode.NotFound, $"secret {request.ID} not found"));
}
