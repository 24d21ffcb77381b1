namespace Dagger.Runtime.BuildKit;

/// <summary>One record of the engine's build cache.</summary>
/// <param name="Id">The record's id.</param>
/// <param name="Size">Bytes used on disk.</param>
/// <param name="InUse">Whether a build is using it now.</param>
/// <param name="Shared">Whether it is shared with another record.</param>
/// <param name="Kind">BuildKit's record type, such as <c>regular</c>, <c>source.local</c> or <c>exec.cachemount</c>.</param>
/// <param name="Description">What created it, such as the command of an exec.</param>
/// <param name="LastUsedAt">When it was last used, if ever.</param>
/// <param name="UsageCount">How many times it was used.</param>
public sealed record CacheRecord(
    string Id,
    long Size,
    bool InUse,
    bool Shared,
    string Kind,
    string Description,
    DateTimeOffset? LastUsedAt,
    long UsageCount);
