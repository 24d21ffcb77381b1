namespace Dagger.Runtime.Llb;

/// <summary>Options of <see cref="FileAction.Mkdir"/>.</summary>
public sealed record MkdirOptions
{
    /// <summary>Create missing parent directories too.</summary>
    public bool MakeParents { get; init; }

    /// <summary>Owner of the new directories.</summary>
    public FileOwner? Owner { get; init; }

    /// <summary>Modification time of the new directories; null for the time of the build.</summary>
    public DateTimeOffset? CreatedTime { get; init; }
}
