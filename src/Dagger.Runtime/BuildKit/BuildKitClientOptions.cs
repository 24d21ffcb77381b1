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

    /// <summary>How long the engine may take to answer the connection's first calls before it counts as unreachable.</summary>
    public TimeSpan ConnectTimeout { get; init; } = DefaultConnectTimeout;

    /// <summary>The default <see cref="ConnectTimeout"/>: long enough for an engine that is starting or busy.</summary>
    public static TimeSpan DefaultConnectTimeout { get; } = TimeSpan.FromSeconds(30);
}
