using System.Text;

namespace Dagger.Cue.UnitTests.Conformance;

/// <summary>
/// The CUE command under test: <c>dotnet dagger.dll cue</c> by default, or the words of $DAGGER_CUE_CMD (e.g.
/// <c>node tests/oracle/cue.mjs</c> to check the harness against the reference CUE). Relative paths in the override
/// (words containing '/') are taken from the repository root. The subcommand (<c>export --out json FILES</c>) follows.
/// </summary>
/// <param name="FileName">The program to start.</param>
/// <param name="Prefix">Arguments that come before the subcommand.</param>
internal sealed record CueCommand(string FileName, IReadOnlyList<string> Prefix)
{
    public const string OverrideVariable = "DAGGER_CUE_CMD";

    public static CueCommand Resolve()
    {
        var custom = Environment.GetEnvironmentVariable(OverrideVariable);
        if (string.IsNullOrWhiteSpace(custom))
        {
            if (!File.Exists(TestPaths.DaggerDll))
            {
                throw new InvalidOperationException($"{TestPaths.DaggerDll} is missing: the test project must reference Dagger.Tool");
            }

            return new CueCommand("dotnet", [TestPaths.DaggerDll, "cue"]);
        }

        var words = custom.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Contains('/', StringComparison.Ordinal) && !Path.IsPathRooted(w)
                ? Path.GetFullPath(Path.Combine(TestPaths.RepoRoot, w))
                : w)
            .ToList();
        return new CueCommand(words[0], words.Skip(1).ToList());
    }

    /// <summary>
    /// How many times the per-case limit this command gets. The limit is there to catch our evaluator hanging; the
    /// oracle compiles its wasm module in every process, which alone took more than 10 s on a loaded machine.
    /// </summary>
    public double TimeScale { get; init; } = 1;

    /// <summary>The oracle (reference CUE), run by node.</summary>
    public static CueCommand Oracle() => new("node", [TestPaths.OracleScript]) { TimeScale = 6 };

    public IEnumerable<string> With(IEnumerable<string> arguments) => Prefix.Concat(arguments);

    public override string ToString()
    {
        var text = new StringBuilder(FileName);
        foreach (var word in Prefix)
        {
            text.Append(' ').Append(word);
        }

        return text.ToString();
    }
}
