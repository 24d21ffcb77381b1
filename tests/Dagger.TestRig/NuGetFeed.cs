using System.Text.Json;

namespace Dagger.TestRig;

/// <summary>
/// A local folder feed (flat .nupkg files) with every package that a solution restores, so that containers restore it
/// without a network. The packages come from this machine's NuGet packages folder, where a restore on the machine put
/// them (the repository's own build restores the versions the examples use).
/// </summary>
public static class NuGetFeed
{
    /// <summary>
    /// Restores <paramref name="solution"/> (a file in a folder that may be changed) on this machine, then copies the
    /// .nupkg of every package in its <c>obj/project.assets.json</c> files into <paramref name="feed"/>.
    /// </summary>
    /// <returns>The number of packages in the feed.</returns>
    public static async Task<int> CreateAsync(string solution, string feed, CancellationToken cancellationToken = default)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(solution))!;
        (await ProcessRunner.RunAsync("dotnet", ["restore", solution, "-nologo", "-v", "q"], workingDirectory: folder, timeout: TimeSpan.FromMinutes(5), cancellationToken: cancellationToken))
            .EnsureSuccess($"dotnet restore {solution}");

        var packagesFolder = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var packages = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var assets in Directory.GetFiles(folder, "project.assets.json", SearchOption.AllDirectories))
        {
            using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(assets, cancellationToken));
            foreach (var library in doc.RootElement.GetProperty("libraries").EnumerateObject())
            {
                if (library.Value.GetProperty("type").GetString() == "package")
                {
                    packages.Add(library.Name);
                }
            }
        }

        Directory.CreateDirectory(feed);
        foreach (var package in packages)
        {
            var (id, version) = (package[..package.IndexOf('/', StringComparison.Ordinal)].ToLowerInvariant(), package[(package.IndexOf('/', StringComparison.Ordinal) + 1)..].ToLowerInvariant());
            var nupkg = Path.Combine(packagesFolder, id, version, $"{id}.{version}.nupkg");
            File.Copy(nupkg, Path.Combine(feed, Path.GetFileName(nupkg)), overwrite: true);
        }

        // The machine's restore leaves obj/ folders behind; the plan's sources should be as a checkout has them.
        foreach (var obj in Directory.GetDirectories(folder, "obj", SearchOption.AllDirectories))
        {
            Directory.Delete(obj, recursive: true);
        }

        return packages.Count;
    }
}
