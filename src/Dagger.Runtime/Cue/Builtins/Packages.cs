using Dagger.Runtime.Cue.Core;

namespace Dagger.Runtime.Cue.Builtins;

/// <summary>The registry of builtin packages by import path.</summary>
internal static class Packages
{
    // Packages partly written in CUE (list) intern their labels in the importing context\'s table.
    private static readonly Dictionary<string, Func<LabelTable, PackageValue>> Factories = new(StringComparer.Ordinal)
    {
        ["strings"] = _ => StringsPackage.Create(),
        ["strconv"] = _ => StrconvPackage.Create(),
        ["list"] = ListPackage.Create,
        ["math"] = _ => MathPackage.Create(),
        ["encoding/json"] = _ => JsonPackage.Create(),
        ["encoding/yaml"] = _ => YamlPackage.Create(),
        ["encoding/base64"] = _ => Base64Package.Create(),
        ["encoding/hex"] = _ => HexPackage.Create(),
        ["regexp"] = _ => RegexpPackage.Create(),
        ["struct"] = _ => StructPackage.Create(),
        ["encoding/csv"] = _ => CsvPackage.Create(),
        ["crypto/md5"] = _ => CryptoPackages.Md5(),
        ["crypto/sha1"] = _ => CryptoPackages.Sha1(),
        ["crypto/sha256"] = _ => CryptoPackages.Sha256(),
        ["crypto/sha512"] = _ => CryptoPackages.Sha512(),
        ["crypto/hmac"] = _ => CryptoPackages.Hmac(),
        ["math/bits"] = _ => CryptoPackages.Bits(),
        ["text/tabwriter"] = _ => TabwriterPackage.Create(),
        ["text/template"] = _ => TemplatePackage.Create(),
        ["path"] = _ => PathPackage.Create(),
        ["time"] = _ => TimePackage.Create(),
        ["uuid"] = UuidPackage.Create,
        ["html"] = _ => HtmlPackage.Create(),
        ["net"] = _ => NetPackage.Create(),
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

    public static PackageValue? Get(string path, LabelTable names)
    {
        lock (Gate)
        {
            if (!Factories.TryGetValue(path, out var f))
            {
                return null;
            }

            return f(names);
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
