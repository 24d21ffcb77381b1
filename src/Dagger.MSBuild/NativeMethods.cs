using System.Runtime.InteropServices;

namespace Dagger.MSBuild;

/// <summary>The one Unix call the task needs: sending the tool SIGINT, which .NET's Process cannot do.</summary>
internal static class NativeMethods
{
    /// <summary>SIGINT, the signal of Ctrl-C.</summary>
    public const int SigInt = 2;

    /// <summary>Sends <paramref name="signal"/> to the process <paramref name="pid"/>; 0 on success.</summary>
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Kill(int pid, int signal);
}
