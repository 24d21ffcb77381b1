using Dagger.Runtime.BuildKit.Protocol.FileSync;

using Grpc.Core;

namespace Dagger.Runtime.BuildKit.Session;

/// <summary>Gives the daemon registry credentials; unknown registries get empty ones, meaning anonymous access.</summary>
internal sealed class AuthService(SessionState state) : Auth.AuthBase
{
    /// <inheritdoc />
    public override async Task<CredentialsResponse> Credentials(CredentialsRequest request, ServerCallContext context)
    {
        var credentials = await state.Auth.GetAsync(request.Host, context.CancellationToken).ConfigureAwait(false);
        return credentials is null
            ? new CredentialsResponse()
            : new CredentialsResponse { Username = credentials.Username, Secret = credentials.Secret };
    }
}
