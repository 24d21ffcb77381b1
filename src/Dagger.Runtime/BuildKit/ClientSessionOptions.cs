namespace Dagger.Runtime.BuildKit;

/// <summary>Options of a <see cref="ClientSession"/>.</summary>
public sealed record ClientSessionOptions
{
    /// <summary>A name the daemon shows for the session.</summary>
    public string Name { get; init; } = "dagger";

    /// <summary>
    /// Scopes the daemon's cache of local directories: runs with the same key reuse what was synced before, so only
    /// changes travel. Defaults to one key per machine and user.
    /// </summary>
    public string? SharedKey { get; init; }

    /// <summary>Registry credentials to serve; a provider reading the Docker config when null.</summary>
    public RegistryAuth? Auth { get; init; }
}
