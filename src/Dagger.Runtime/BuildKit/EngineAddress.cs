namespace Dagger.Runtime.BuildKit;

/// <summary>Where the engine is, and why that address was chosen.</summary>
/// <param name="Kind">The kind of engine the address points at.</param>
/// <param name="Uri">The address, such as <c>unix:///run/buildkit/buildkitd.sock</c> or <c>unix:///var/run/docker.sock</c>.</param>
/// <param name="Source">What selected it: <c>--engine</c>, <c>BUILDKIT_HOST</c>, <c>DOCKER_HOST</c> or <c>default</c>.</param>
public sealed record EngineAddress(EngineKind Kind, string Uri, string Source)
{
    /// <inheritdoc />
    public override string ToString() => $"{Uri} ({(Kind == EngineKind.DockerEngine ? "docker" : "buildkit")}, from {Source})";
}
