using System.Runtime.InteropServices;

namespace Dagger.Runtime.Llb;

/// <summary>An OCI platform (os/architecture/variant), normalized the way containerd and BuildKit normalize it.</summary>
/// <param name="OS">The operating system, e.g. <c>linux</c>.</param>
/// <param name="Architecture">The CPU architecture in Go's naming, e.g. <c>amd64</c>, <c>arm64</c>.</param>
/// <param name="Variant">The CPU variant, e.g. <c>v7</c>; empty when there is none.</param>
public sealed record Platform(string OS, string Architecture, string Variant = "")
{
    /// <summary>linux/amd64.</summary>
    public static Platform LinuxAmd64 { get; } = new("linux", "amd64");

    /// <summary>linux/arm64.</summary>
    public static Platform LinuxArm64 { get; } = new("linux", "arm64");

    /// <summary>Linux on the architecture of the machine running this process; the default when none is given.</summary>
    public static Platform DefaultLinux { get; } = new Platform("linux", RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "amd64",
        System.Runtime.InteropServices.Architecture.X86 => "386",
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        System.Runtime.InteropServices.Architecture.Arm => "arm",
        System.Runtime.InteropServices.Architecture.S390x => "s390x",
        System.Runtime.InteropServices.Architecture.Ppc64le => "ppc64le",
        System.Runtime.InteropServices.Architecture.RiscV64 => "riscv64",
        System.Runtime.InteropServices.Architecture.LoongArch64 => "loong64",
        _ => "amd64",
    }).Normalize();

    /// <summary>Parses <c>os/arch[/variant]</c>, e.g. <c>linux/arm/v7</c>, and normalizes it.</summary>
    /// <exception cref="LlbException">The text does not have two or three non-empty parts.</exception>
    public static Platform Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split('/');
        if (parts.Length is < 2 or > 3 || parts.Any(string.IsNullOrWhiteSpace))
        {
            throw new LlbException($"invalid platform \"{text}\": expected os/arch or os/arch/variant");
        }

        return new Platform(parts[0], parts[1], parts.Length == 3 ? parts[2] : "").Normalize();
    }

    /// <summary>
    /// Lower-cases the parts and maps aliases to their canonical names (x86_64 → amd64, aarch64 → arm64, armhf → arm/v7...),
    /// so that equal platforms marshal to equal bytes.
    /// </summary>
    public Platform Normalize()
    {
        string os = OS.ToLowerInvariant();
        if (os == "macos")
        {
            os = "darwin";
        }

        string arch = Architecture.ToLowerInvariant();
        string variant = Variant.ToLowerInvariant();
        switch (arch)
        {
            case "i386":
                arch = "386";
                variant = "";
                break;
            case "x86_64" or "x86-64":
                arch = "amd64";
                variant = "";
                break;
            case "aarch64" or "arm64":
                arch = "arm64";
                if (variant is "8" or "v8")
                {
                    variant = "";
                }

                break;
            case "armhf":
                arch = "arm";
                variant = "v7";
                break;
            case "armel":
                arch = "arm";
                variant = "v6";
                break;
            case "arm":
                variant = variant switch
                {
                    "" or "7" => "v7",
                    "5" or "6" or "8" => "v" + variant,
                    _ => variant,
                };
                break;
            default:
                break;
        }

        return new Platform(os, arch, variant);
    }

    /// <summary><c>os/arch</c> or <c>os/arch/variant</c>.</summary>
    public override string ToString() => Variant.Length == 0 ? $"{OS}/{Architecture}" : $"{OS}/{Architecture}/{Variant}";
}
