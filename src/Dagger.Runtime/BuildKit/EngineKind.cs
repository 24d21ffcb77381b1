namespace Dagger.Runtime.BuildKit;

/// <summary>The kind of BuildKit engine behind an address.</summary>
public enum EngineKind
{
    /// <summary>A standalone <c>buildkitd</c> reached over gRPC (<c>unix://</c>, <c>tcp://</c>, <c>docker-container://</c>).</summary>
    BuildKit,

    /// <summary>The BuildKit built into a Docker Engine, reached through its <c>/grpc</c> and <c>/session</c> upgrades.</summary>
    DockerEngine,
}
