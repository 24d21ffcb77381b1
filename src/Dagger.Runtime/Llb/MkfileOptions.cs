namespace Dagger.Runtime.Llb;

/// <summary>Options of <see cref="FileAction.Mkfile"/>.</summary>
public sealed record MkfileOptions
{
    /// <summary>Owner of the new file.</summary>
    public FileOwner? Owner { get; init; }

    /// <summary>Modification time of the new file; null for the time of the build.</summary>
    public DateTimeOffset? CreatedTime { get; init; }
}
