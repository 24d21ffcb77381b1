namespace Dagger.Runtime.Engine.Plans;

/// <summary>
/// The CUE packages dagger ships (<c>alpha.dagger.io/dagger</c> and <c>alpha.dagger.io/dagger/op</c>), written into
/// a module's <c>cue.mod/pkg</c> so that plans import them with no setup, as the original vendored its universe.
/// </summary>
public static class EmbeddedPackages
{
    private const string Prefix = "dagger-packages/";

    /// <summary>The files, by path relative to <c>cue.mod/pkg</c>.</summary>
    public static IReadOnlyDictionary<string, string> Files { get; } = Read();

    /// <summary>
    /// Finds the CUE module enclosing <paramref name="directory"/> and writes the packages into its
    /// <c>cue.mod/pkg</c>, leaving files that are already up to date untouched.
    /// </summary>
    /// <returns>The module root, or null when <paramref name="directory"/> is not inside a CUE module.</returns>
    public static string? VendorInto(string directory)
    {
        var module = FindModuleRoot(directory);
        if (module is null)
        {
            return null;
        }

        foreach (var (relative, text) in Files)
        {
            var target = Path.Combine(module, "cue.mod", "pkg", relative.Replace('/', Path.DirectorySeparatorChar));
            if (File.Exists(target) && File.ReadAllText(target) == text)
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var temp = target + ".tmp";
            File.WriteAllText(temp, text);
            File.Move(temp, target, overwrite: true);
        }

        return module;
    }

    private static string? FindModuleRoot(string directory)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(directory)); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "cue.mod")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static Dictionary<string, string> Read()
    {
        var assembly = typeof(EmbeddedPackages).Assembly;
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            files[name[Prefix.Length..].Replace('\\', '/')] = reader.ReadToEnd();
        }

        return files;
    }
}
