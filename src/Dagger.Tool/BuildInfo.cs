using System.Reflection;
using System.Runtime.InteropServices;

namespace Dagger.Tool;

/// <summary>The version and commit baked into this build.</summary>
internal static class BuildInfo
{
    private static readonly string Informational =
        typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "0.0.0";

    /// <summary>The semantic version, without build metadata.</summary>
    public static string Version => Informational.Split('+')[0];

    /// <summary>The git commit the build was made from, or <c>unknown</c>.</summary>
    public static string Commit
    {
        get
        {
            var plus = Informational.IndexOf('+', StringComparison.Ordinal);
            return plus < 0 ? "unknown" : Informational[(plus + 1)..];
        }
    }

    /// <summary>Operating system and architecture, as <c>linux/amd64</c>.</summary>
    public static string Platform
    {
        get
        {
            var os = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "darwin" : OperatingSystem.IsWindows() ? "windows" : "unknown";
            var arch = RuntimeInformation.OSArchitecture switch
            {
                Architecture.X64 => "amd64",
                Architecture.Arm64 => "arm64",
                Architecture.X86 => "386",
                Architecture.Arm => "arm",
                var other => other.ToString().ToLowerInvariant(),
            };
            return os + "/" + arch;
        }
    }
}
