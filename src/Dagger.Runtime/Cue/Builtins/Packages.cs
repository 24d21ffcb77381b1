using Dagger.Runtime.Cue.Core;

namespace Dagger.Runtime.Cue.Builtins;

/// <summary>The registry of builtin packages by import path.</summary>
internal static class Packages
{
    private static readonly Dictionary<string, Func<PackageValue>> Factories = new(StringComparer.Ordinal)
    {
        ["strings"] = StringsPackage.Create,
        ["strconv"] = StrconvPackage.Create,
        ["list"] = ListPackage.Create,
        ["math"] = MathPackage.Create,
        ["encoding/json"] = JsonPackage.Create,
        ["encoding/yaml"] = YamlPackage.Create,
        ["encoding/base64"] = Base64Package.Create,
        ["encoding/hex"] = HexPackage.Create,
        ["regexp"] = RegexpPackage.Create,
        ["struct"] = StructPackage.Create,
        ["encoding/csv"] = CsvPackage.Create,
        ["crypto/md5"] = CryptoPackages.Md5,
        ["crypto/sha1"] = CryptoPackages.Sha1,
        ["crypto/sha256"] = CryptoPackages.Sha256,
        ["crypto/sha512"] = CryptoPackages.Sha512,
        ["crypto/hmac"] = CryptoPackages.Hmac,
        ["math/bits"] = CryptoPackages.Bits,
        ["text/tabwriter"] = TabwriterPackage.Create,
        ["text/template"] = TemplatePackage.Create,
        ["path"] = PathPackage.Create,
    };

    private static readonly Lock Gate = new();

    /// <summary>Known builtin package paths (others are reported as not implemented).</summary>
    public static readonly HashSet<string> All = new(StringComparer.Ordinal)
    {
        "crypto/hmac", "crypto/md5", "crypto/sha1", "crypto/sha256", "crypto/sha512", "encoding/base64", "encoding/csv",
        "encoding/hex", "encoding/json", "encoding/yaml", "html", "list", "math", "math/bits", "net", "path", "regexp",
        "strconv", "strings", "struct", "text/tabwriter", "text/template", "time", "uuid", "tool/cli", "tool/exec",
        "tool/file", "tool/http", "tool/os",
    };

    public static bool IsBuiltinPath(string path)
    {
        var first = path.Split('/')[0];
        return !first.Contains('.');
    }

    public static PackageValue? Get(string path)
    {
        lock (Gate)
        {
            if (!Factories.TryGetValue(path, out var f))
            {
                return null;
            }

            return f();
        }
    }

    /// <summary>The name an import binds when not renamed.</summary>
    public static string DefaultName(string path)
    {
        var colon = path.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            return path[(colon + 1)..];
        }

        var slash = path.LastIndexOf('/');
        return slash >= 0 ? path[(slash + 1)..] : path;
    }
}
