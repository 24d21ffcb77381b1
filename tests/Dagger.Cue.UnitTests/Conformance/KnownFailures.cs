namespace Dagger.Cue.UnitTests.Conformance;

/// <summary>
/// Conformance/known-failures.txt: <c>&lt;case-id&gt; &lt;reason…&gt;</c> per line, <c>#</c> starts a comment.
/// The evaluator's author owns the list; the tests only let it shrink.
/// </summary>
internal static class KnownFailures
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> EntriesLazy = new(() => Parse(File.ReadAllLines(FilePath)));

    public static string FilePath => Path.Combine(TestPaths.TestProjectDir, "Conformance", "known-failures.txt");

    /// <summary>Listed case id → reason.</summary>
    public static IReadOnlyDictionary<string, string> Entries => EntriesLazy.Value;

    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string> lines)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNo = 0;
        foreach (var raw in lines)
        {
            lineNo++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var space = line.IndexOfAny([' ', '\t']);
            var id = space < 0 ? line : line[..space];
            var reason = space < 0 ? "" : line[(space + 1)..].Trim();
            if (!entries.TryAdd(id, reason))
            {
                throw new FormatException($"known-failures.txt:{lineNo}: {id} is listed twice");
            }
        }

        return entries;
    }
}
