namespace Dagger.Runtime.Llb;

/// <summary>A persistent cache directory shared between execs by <paramref name="Id"/>; it is never an output.</summary>
/// <param name="Target">The absolute path inside the container.</param>
/// <param name="Id">The cache's name; execs with equal ids see the same directory.</param>
public sealed record CacheMount(string Target, string Id) : ExecMount(Target)
{
    /// <summary>How concurrent execs share the cache.</summary>
    public CacheSharing Sharing { get; init; }

    /// <summary>Initial content of a new cache; null or scratch for an empty one.</summary>
    public State? Source { get; init; }
}
