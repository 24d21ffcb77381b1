namespace Dagger.Cue.UnitTests.Conformance;

/// <summary>The shared conformance corpus (cases.tsv and cases/&lt;id&gt;/).</summary>
internal static class ConformanceCorpus
{
    private static readonly Lazy<IReadOnlyList<ConformanceCase>> CasesLazy = new(Load);

    /// <summary>Every case, in manifest order.</summary>
    public static IReadOnlyList<ConformanceCase> Cases => CasesLazy.Value;

    public static string CaseDir(string id) => Path.Combine(TestPaths.Corpus, "cases", id);

    private static List<ConformanceCase> Load()
    {
        var manifest = Path.Combine(TestPaths.Corpus, "cases.tsv");
        var cases = new List<ConformanceCase>();
        foreach (var line in File.ReadLines(manifest))
        {
            var cols = line.Split('\t');
            if (cols.Length < 5 || cols[0] == "id")
            {
                continue;
            }

            cases.Add(new ConformanceCase(
                cols[0],
                cols[2],
                cols[3].Split(',', StringSplitOptions.RemoveEmptyEntries),
                cols[4].Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        }

        return cases;
    }
}
