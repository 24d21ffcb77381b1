namespace Dagger.Runtime.Engine.Ops;

/// <summary>
/// <c>docker-build</c>: replaces the state with the image a Dockerfile builds (BuildKit's <c>dockerfile.v0</c>
/// frontend), and its image config.
/// </summary>
/// <param name="Source">Where the op comes from.</param>
/// <param name="Context">The build context: another pipeline; when null, the state so far if there is one.</param>
/// <param name="Dockerfile">An inline Dockerfile; when null the Dockerfile is read from the context.</param>
public sealed record DockerBuildOp(OpSource Source, PipelineReference? Context, string? Dockerfile) : PipelineOp(Source)
{
    /// <inheritdoc />
    public override string Kind => "docker-build";

    /// <summary>The Dockerfile's path in the context (<c>Dockerfile</c> when null); ignored with an inline Dockerfile.</summary>
    public string? DockerfilePath { get; init; }

    /// <summary>Platforms to build for (<c>linux/amd64</c>); the engine's when empty.</summary>
    public IReadOnlyList<string> Platforms { get; init; } = [];

    /// <summary>Build arguments, in clear text.</summary>
    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new Dictionary<string, string>();

    /// <summary>Labels added to the image config.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The stage to build, the last one when null.</summary>
    public string? Target { get; init; }

    /// <summary>Extra <c>/etc/hosts</c> entries of the build's <c>RUN</c> steps (host name → IP).</summary>
    public IReadOnlyDictionary<string, string> Hosts { get; init; } = new Dictionary<string, string>();
}
