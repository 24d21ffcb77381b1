using Dagger.Runtime.Llb;
using Dagger.Runtime.Llb.Pb;

namespace Dagger.Runtime.BuildKit;

/// <summary>How to connect to an engine.</summary>
public sealed record BuildKitClientOptions
{
    /// <summary>TLS for a <c>tcp://</c> buildkitd; plaintext when null.</summary>
    public EngineTlsOptions? Tls { get; init; }

    /// <summary>Forces the exec network mode instead of choosing it from the engine.</summary>
    public NetworkMode? ExecNetwork { get; init; }
}
