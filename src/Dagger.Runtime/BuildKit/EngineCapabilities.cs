using Dagger.Runtime.Llb;
using Dagger.Runtime.Llb.Pb;

namespace Dagger.Runtime.BuildKit;

/// <summary>What the connected engine can do, from <c>LLBBridge.Ping</c> and the kind of engine.</summary>
/// <param name="Workers">The engine's workers.</param>
/// <param name="FrontendCaps">Enabled gateway capabilities, such as <c>gateway.solve.evaluate</c> or <c>readfile</c>.</param>
/// <param name="LlbCaps">Enabled LLB capabilities, such as <c>exec.mount.secret</c> or <c>source.local.sessionid</c>.</param>
/// <param name="Exporters">Exporters the engine has: <c>moby</c>, <c>local</c> and <c>tar</c> in a Docker Engine; <c>image</c>, <c>oci</c>, <c>docker</c>, <c>local</c> and <c>tar</c> in a buildkitd.</param>
/// <param name="ExecNetwork">
/// The network mode execs must use on this engine: <see cref="NetworkMode.Host"/> on a Docker Engine without a bridge
/// network (its sandbox network would fail), <see cref="NetworkMode.Sandbox"/> (the engine's default) otherwise.
/// </param>
public sealed record EngineCapabilities(
    IReadOnlyList<WorkerInfo> Workers,
    IReadOnlySet<string> FrontendCaps,
    IReadOnlySet<string> LlbCaps,
    IReadOnlyList<string> Exporters,
    NetworkMode ExecNetwork)
{
    /// <summary>Whether the gateway has the capability <paramref name="id"/> enabled.</summary>
    public bool HasFrontendCap(string id) => FrontendCaps.Contains(id);

    /// <summary>Whether LLB capability <paramref name="id"/> is enabled.</summary>
    public bool HasLlbCap(string id) => LlbCaps.Contains(id);

    /// <summary>Whether the engine has the exporter <paramref name="name"/>.</summary>
    public bool HasExporter(string name) => Exporters.Contains(name, StringComparer.Ordinal);
}
