namespace Dagger.Runtime.Llb;

/// <summary>Options of a local directory source, synced from the client through the session.</summary>
public sealed record LocalOptions
{
    /// <summary>The id of the session that serves the directory (<c>local.session</c>).</summary>
    public string? SessionId { get; init; }

    /// <summary>Only files matching these patterns are synced.</summary>
    public IReadOnlyList<string> IncludePatterns { get; init; } = [];

    /// <summary>Files matching these patterns are not synced.</summary>
    public IReadOnlyList<string> ExcludePatterns { get; init; } = [];

    /// <summary>Only these paths (and their parents) are synced, following symlinks.</summary>
    public IReadOnlyList<string> FollowPaths { get; init; } = [];

    /// <summary>A hint letting the engine reuse the previous sync of the same directory.</summary>
    public string? SharedKeyHint { get; init; }

    /// <summary>Name and metadata of the op.</summary>
    public OpOptions Op { get; init; } = OpOptions.Default;
}
