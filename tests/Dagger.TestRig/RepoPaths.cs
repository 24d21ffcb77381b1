namespace Dagger.TestRig;

/// <summary>Finds the repository root and the shared data folder beside it.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> Root = new(() => FindUp(AppContext.BaseDirectory, dir => File.Exists(Path.Combine(dir, "Dagger.sln")))
        ?? throw new InvalidOperationException($"No Dagger.sln above {AppContext.BaseDirectory}"));

    /// <summary>The repository root (the folder holding Dagger.sln).</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>The shared folder (../shared next to the repository, or any ancestor's shared/ with cue-conformance).</summary>
    public static string Shared =>
        FindUp(RepoRoot, dir => Directory.Exists(Path.Combine(dir, "shared", "cue-conformance"))) is { } parent
            ? Path.Combine(parent, "shared")
            : throw new InvalidOperationException($"No shared/cue-conformance folder above {RepoRoot}");

    private static string? FindUp(string start, Func<string, bool> match)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (match(dir.FullName))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
