namespace Dagger.Runtime.BuildKit;

/// <summary>
/// Chooses the engine address: an explicit address or <c>BUILDKIT_HOST</c> names a buildkitd; otherwise a Docker
/// Engine at <c>DOCKER_HOST</c> or the default socket.
/// </summary>
public static class EngineDiscovery
{
    /// <summary>The Docker Engine socket used when nothing else is configured.</summary>
    public const string DefaultDockerSocket = "/var/run/docker.sock";

    /// <summary>Resolves the address without connecting to it.</summary>
    /// <param name="explicitAddress">The <c>--engine</c> value, if any. <c>docker</c> or a <c>docker+</c> prefix selects a Docker Engine.</param>
    /// <param name="getEnvironment">Reads an environment variable; tests pass their own.</param>
    /// <param name="fileExists">Checks a path; tests pass their own.</param>
    /// <returns>The address, or <see langword="null"/> when no engine is configured and the default socket is absent.</returns>
    public static EngineAddress? Resolve(
        string? explicitAddress,
        Func<string, string?>? getEnvironment = null,
        Func<string, bool>? fileExists = null)
    {
        getEnvironment ??= Environment.GetEnvironmentVariable;
        fileExists ??= File.Exists;

        if (!string.IsNullOrWhiteSpace(explicitAddress))
        {
            return FromExplicit(explicitAddress.Trim(), "--engine", getEnvironment);
        }

        var buildkitHost = getEnvironment("BUILDKIT_HOST");
        if (!string.IsNullOrWhiteSpace(buildkitHost))
        {
            return FromExplicit(buildkitHost.Trim(), "BUILDKIT_HOST", getEnvironment);
        }

        var dockerHost = getEnvironment("DOCKER_HOST");
        if (!string.IsNullOrWhiteSpace(dockerHost))
        {
            return new EngineAddress(EngineKind.DockerEngine, dockerHost.Trim(), "DOCKER_HOST");
        }

        return fileExists(DefaultDockerSocket)
            ? new EngineAddress(EngineKind.DockerEngine, "unix://" + DefaultDockerSocket, "default")
            : null;
    }

    private static EngineAddress FromExplicit(string value, string source, Func<string, string?> getEnvironment)
    {
        if (value == "docker")
        {
            var dockerHost = getEnvironment("DOCKER_HOST");
            return new EngineAddress(
                EngineKind.DockerEngine,
                string.IsNullOrWhiteSpace(dockerHost) ? "unix://" + DefaultDockerSocket : dockerHost.Trim(),
                source);
        }

        const string dockerPrefix = "docker+";
        return value.StartsWith(dockerPrefix, StringComparison.Ordinal)
            ? new EngineAddress(EngineKind.DockerEngine, value[dockerPrefix.Length..], source)
            : new EngineAddress(EngineKind.BuildKit, value, source);
    }
}
