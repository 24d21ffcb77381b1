namespace Dagger.Runtime.Llb;

/// <summary>How concurrent execs share one cache mount.</summary>
public enum CacheSharing
{
    /// <summary>All writers use the same directory concurrently.</summary>
    Shared = 0,

    /// <summary>A second concurrent writer gets its own new directory.</summary>
    Private = 1,

    /// <summary>A second concurrent writer waits until the first releases the mount.</summary>
    Locked = 2,
}
