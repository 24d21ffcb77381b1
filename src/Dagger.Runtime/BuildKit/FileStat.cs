namespace Dagger.Runtime.BuildKit;

/// <summary>A file in a build result, as the gateway's <c>ReadDir</c> and <c>StatFile</c> describe it.</summary>
/// <param name="Path">The path: relative to the listed directory for ReadDir, the base name for StatFile.</param>
/// <param name="Kind">What kind of file it is.</param>
/// <param name="Permissions">The permission bits (<c>0755</c> and so on) with setuid, setgid and sticky.</param>
/// <param name="Size">Size in bytes; 0 for directories.</param>
/// <param name="ModifiedAt">Last modification time.</param>
/// <param name="Uid">Owner's user id.</param>
/// <param name="Gid">Owner's group id.</param>
/// <param name="LinkTarget">The target of a symbolic link, or the first path of a hard link; empty otherwise.</param>
public sealed record FileStat(
    string Path,
    FileKind Kind,
    int Permissions,
    long Size,
    DateTimeOffset ModifiedAt,
    uint Uid,
    uint Gid,
    string LinkTarget)
{
    // Go's os.FileMode type bits, which fsutil puts on the wire.
    internal const uint GoModeDir = 1u << 31;
    internal const uint GoModeSymlink = 1u << 27;
    internal const uint GoModeDevice = 1u << 26;
    internal const uint GoModeNamedPipe = 1u << 25;
    internal const uint GoModeSocket = 1u << 24;
    internal const uint GoModeSetuid = 1u << 23;
    internal const uint GoModeSetgid = 1u << 22;
    internal const uint GoModeCharDevice = 1u << 21;
    internal const uint GoModeSticky = 1u << 20;

    internal static FileStat FromWire(Protocol.Fsutil.Stat stat)
    {
        var mode = stat.Mode;
        var kind = (mode & GoModeDir) != 0 ? FileKind.Directory
            : (mode & GoModeSymlink) != 0 ? FileKind.Symlink
            : (mode & GoModeNamedPipe) != 0 ? FileKind.NamedPipe
            : (mode & GoModeSocket) != 0 ? FileKind.Socket
            : (mode & GoModeCharDevice) != 0 ? FileKind.CharDevice
            : (mode & GoModeDevice) != 0 ? FileKind.BlockDevice
            : FileKind.File;
        var permissions = (int)(mode & 0x1FF)
            | ((mode & GoModeSetuid) != 0 ? 0x800 : 0)
            | ((mode & GoModeSetgid) != 0 ? 0x400 : 0)
            | ((mode & GoModeSticky) != 0 ? 0x200 : 0);
        return new FileStat(
            stat.Path,
            kind,
            permissions,
            stat.Size,
            DateTimeOffset.UnixEpoch.AddTicks(stat.ModTime / 100),
            stat.Uid,
            stat.Gid,
            stat.Linkname);
    }
}

/// <summary>The kind of a file.</summary>
public enum FileKind
{
    /// <summary>A regular file.</summary>
    File,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A symbolic link.</summary>
    Symlink,

    /// <summary>A named pipe.</summary>
    NamedPipe,

    /// <summary>A Unix socket.</summary>
    Socket,

    /// <summary>A character device.</summary>
    CharDevice,

    /// <summary>A block device.</summary>
    BlockDevice,
}
