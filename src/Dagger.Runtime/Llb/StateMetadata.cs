using System.Collections.Immutable;

namespace Dagger.Runtime.Llb;

/// <summary>The exec context a <see cref="State"/> carries to the ops built from it.</summary>
internal sealed record StateMetadata
{
    public static StateMetadata Initial { get; } = new();

    public ImmutableList<KeyValuePair<string, string>> Env { get; init; } = [];

    public string Dir { get; init; } = "/";

    public string User { get; init; } = "";

    public string Hostname { get; init; } = "";

    public Platform? Platform { get; init; }

    public ImmutableList<ExtraHost> ExtraHosts { get; init; } = [];

    public NetworkMode Network { get; init; }

    public SecurityMode Security { get; init; }

    public int EnvIndex(string key) => Env.FindIndex(kv => string.Equals(kv.Key, key, StringComparison.Ordinal));
}
