using Dagger.Runtime.Llb;

namespace Dagger.Runtime.Engine.Compilation;

/// <summary>Engine-wide settings that shape the LLB of every pipeline.</summary>
public sealed record CompileOptions
{
    /// <summary>The network mode of execs, chosen to fit the engine (a Docker Engine without a bridge needs host or none).</summary>
    public NetworkMode ExecNetwork { get; init; } = NetworkMode.Sandbox;

    /// <summary>When set, no op is answered from BuildKit's cache.</summary>
    public bool NoCache { get; init; }

    /// <summary>The id of the build session that serves local directories and secrets.</summary>
    public string? SessionId { get; init; }

    /// <summary>The platform images are resolved for and execs run on; the engine's default when null.</summary>
    public Platform? Platform { get; init; }
}
