namespace Dagger.Runtime.Engine.Plans;

/// <summary>
/// The CUE packages dagger ships (<c>alpha.dagger.io/dagger</c> and <c>alpha.dagger.io/dagger/op</c>): plans import
/// them with no setup through a loader overlay (<see cref="OverlayFor"/>), and <c>dagger init</c> can write them
/// into a module's <c>cue.mod/pkg</c> (<see cref="VendorInto"/>), as the original vendored its universe.
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

    /// <summary>
    /// The packages as a loader overlay for a plan in <paramref name="directory"/>: the files placed under
    /// <c>cue.mod/pkg</c> of the enclosing CUE module (or of the directory itself when there is none), without
    /// writing anything. They replace vendored copies at the same paths, as the original re-vendored its
    /// universe before every compile.
    /// </summary>
    public static IReadOnlyDictionary<string, string> OverlayFor(string directory)
    {
        var root = FindModuleRoot(directory) ?? Path.GetFullPath(directory);
        return Files.ToDictionary(f => Path.Combine(root, "cue.mod", "pkg", f.Key.Replace('/', Path.DirectorySeparatorChar)), f => f.Value, StringComparer.Ordinal);
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
