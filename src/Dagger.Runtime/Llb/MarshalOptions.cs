namespace Dagger.Runtime.Llb;

/// <summary>Settings for <see cref="State.Marshal(MarshalOptions?)"/>.</summary>
public sealed record MarshalOptions
{
    /// <summary>Defaults: linux on this machine's architecture, a random unique id for session-less local sources.</summary>
    public static MarshalOptions Default { get; } = new();

    /// <summary>The platform of ops that set none themselves and whose state has none.</summary>
    public Platform Platform { get; init; } = Platform.DefaultLinux;

    /// <summary>
    /// Written as <c>local.unique</c> on local sources that have no session id, as BuildKit's client does. When null a
    /// fresh random id is used per marshal, which makes such graphs non-deterministic; sources with a session id are
    /// unaffected.
    /// </summary>
    public string? LocalUniqueId { get; init; }
}
