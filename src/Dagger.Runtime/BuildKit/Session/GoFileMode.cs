namespace Dagger.Runtime.BuildKit.Session;

/// <summary>Converts between .NET's view of a file and Go's <c>os.FileMode</c> bits, which fsutil puts on the wire.</summary>
internal static class GoFileMode
{
    internal static uint Of(FileSystemInfo info)
    {
        var unix = (uint)info.UnixFileMode;
        var mode = unix & 0x1FF;
        if ((unix & (uint)UnixFileMode.SetUser) != 0)
        {
            mode |= FileStat.GoModeSetuid;
        }

        if ((unix & (uint)UnixFileMode.SetGroup) != 0)
        {
            mode |= FileStat.GoModeSetgid;
        }

        if ((unix & (uint)UnixFileMode.StickyBit) != 0)
        {
            mode |= FileStat.GoModeSticky;
        }

        if (info.LinkTarget is not null)
        {
            return FileStat.GoModeSymlink | 0x1FF;
        }

        return info is DirectoryInfo ? mode | FileStat.GoModeDir : mode;
    }

    internal static bool IsDirectory(uint mode) => (mode & FileStat.GoModeDir) != 0;

    internal static bool IsSymlink(uint mode) => (mode & FileStat.GoModeSymlink) != 0;

    /// <summary>Regular files are the only entries whose content is transferred.</summary>
    internal static bool IsRegular(uint mode) =>
        (mode & (FileStat.GoModeDir | FileStat.GoModeSymlink | FileStat.GoModeNamedPipe | FileStat.GoModeSocket | FileStat.GoModeDevice | FileStat.GoModeCharDevice)) == 0;

    internal static UnixFileMode ToUnix(uint mode)
    {
        var unix = mode & 0x1FF;
        if ((mode & FileStat.GoModeSetuid) != 0)
        {
            unix |= (uint)UnixFileMode.SetUser;
        }

        if ((mode & FileStat.GoModeSetgid) != 0)
        {
            unix |= (uint)UnixFileMode.SetGroup;
        }

        if ((mode & FileStat.GoModeSticky) != 0)
        {
            unix |= (uint)UnixFileMode.StickyBit;
        }

        return (UnixFileMode)unix;
    }
}
