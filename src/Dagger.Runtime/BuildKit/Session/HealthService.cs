using Dagger.Runtime.BuildKit.Protocol.Health;

using Grpc.Core;

namespace Dagger.Runtime.BuildKit.Session;

/// <summary>Answers the daemon's once-a-second probe; without it the daemon drops the session.</summary>
internal sealed class HealthService : Health.HealthBase
{
    private static readonly Task<HealthCheckResponse> Serving =
        Task.FromResult(new HealthCheckResponse { Status = HealthCheckResponse.Types.ServingStatus.Serving });

    /// <inheritdoc />
    public override Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context) => Serving;
}
