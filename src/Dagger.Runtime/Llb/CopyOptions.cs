namespace Dagger.Runtime.Llb;

/// <summary>Options of <see cref="FileAction.Copy(State, string, string, CopyOptions?)"/>.</summary>
public sealed record CopyOptions
{
    /// <summary>Permission bits for the copied files; null keeps theirs.</summary>
    public int? Mode { get; init; }

    /// <summary>Resolve symlinks in the source path.</summary>
    public bool FollowSymlinks { get; init; }

    /// <summary>When the source is a directory, copy its contents rather than the directory itself.</summary>
    public bool CopyDirContentsOnly { get; init; }

    /// <summary>Unpack the source when it is an archive, like Dockerfile's ADD.</summary>
    public bool AttemptUnpack { get; init; }

    /// <summary>Create missing parent directories of the destination.</summary>
    public bool CreateDestPath { get; init; }

    /// <summary>Treat the source path as a glob pattern.</summary>
    public bool AllowWildcard { get; init; }

    /// <summary>With <see cref="AllowWildcard"/>, succeed when the pattern matches nothing.</summary>
    public bool AllowEmptyWildcard { get; init; }

    /// <summary>Owner of the copied files; null keeps theirs.</summary>
    public FileOwner? Owner { get; init; }

    /// <summary>Modification time of the copied files; null keeps theirs.</summary>
    public DateTimeOffset? CreatedTime { get; init; }
}
