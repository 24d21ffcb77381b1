using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

using Dagger.Cue.UnitTests.Differential;

namespace Dagger.Cue.UnitTests.Builtins;

/// <summary>
/// Evaluates many builtin cases with the reference CUE in few programs: the cases of one package share a file, one
/// field per line. A failing export names its fields or lines; those cases are recorded as errors and the rest is
/// exported again, until every case has an outcome. A failure that names no case (cue prints "json error" alone for
/// a value JSON cannot hold) halves its file, so that an unattributed error costs a few programs, never a wrong
/// verdict.
/// </summary>
internal static partial class BuiltinOracle
{
    private const int CasesPerFile = 80;
    private const int MaxRounds = 30;

    /// <summary>The outcome of every case, and how many oracle programs it took.</summary>
    public static async Task<(BuiltinOutcome[] Outcomes, int Programs)> RunAsync(
        IReadOnlyList<BuiltinCase> cases, string workDir, int processes, CancellationToken cancellationToken)
    {
        var outcomes = new BuiltinOutcome?[cases.Count];
        var groups = cases.Select((c, i) => (c, i))
            .GroupBy(x => x.c.Package, StringComparer.Ordinal)
            .SelectMany(g => g.Select(x => x.i).Chunk(CasesPerFile))
            .Select(ids => ids.ToList())
            .ToList();
        var programs = 0;
        for (var round = 0; groups.Count > 0; round++)
        {
            if (round == MaxRounds)
            {
                throw new InvalidOperationException($"the reference CUE left {groups.Sum(g => g.Count)} cases without an outcome after {MaxRounds} rounds");
            }

            var jobs = new List<OracleJob>();
            for (var g = 0; g < groups.Count; g++)
            {
                var dir = Path.Combine(workDir, string.Create(CultureInfo.InvariantCulture, $"r{round}-g{g}"));
                Directory.CreateDirectory(dir);
                await File.WriteAllTextAsync(Path.Combine(dir, "p.cue"), FileOf(cases, groups[g]), cancellationToken).ConfigureAwait(false);
                jobs.Add(new OracleJob(dir, ["export", "--out", "json", "p.cue"]));
            }

            programs += jobs.Count;
            var results = await OracleBatch.RunAsync(jobs, processes, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            var next = new List<List<int>>();
            for (var g = 0; g < groups.Count; g++)
            {
                var group = groups[g];
                var r = results[g];
                if (r.ExitCode == 0)
                {
                    using var doc = JsonDocument.Parse(r.Stdout);
                    foreach (var id in group)
                    {
                        outcomes[id] = BuiltinOutcome.Value(doc.RootElement.GetProperty(Label(id)).GetRawText());
                    }

                    continue;
                }

                if (group.Count == 1)
                {
                    outcomes[group[0]] = BuiltinOutcome.Failure(r.TimedOut ? "the reference CUE timed out" : r.Stderr);
                    continue;
                }

                var blamed = r.TimedOut ? [] : Blame(r.Stderr, group, FirstCaseLine(cases, group));
                if (blamed.Count == 0)
                {
                    next.Add(group[..(group.Count / 2)]);
                    next.Add(group[(group.Count / 2)..]);
                    continue;
                }

                foreach (var (id, error) in blamed)
                {
                    outcomes[id] = BuiltinOutcome.Failure(error);
                }

                var rest = group.Where(id => !blamed.ContainsKey(id)).ToList();
                if (rest.Count > 0)
                {
                    next.Add(rest);
                }
            }

            groups = next;
        }

        return (outcomes.Select(o => o!).ToArray(), programs);
    }

    private static string Label(int id) => "c" + id.ToString(CultureInfo.InvariantCulture);

    private static int FirstCaseLine(IReadOnlyList<BuiltinCase> cases, List<int> group) =>
        group.SelectMany(id => cases[id].Imports).Distinct(StringComparer.Ordinal).Count() + 1;

    // Imports first (each on its own line), then one field per case; Blame maps lines back to cases.
    private static string FileOf(IReadOnlyList<BuiltinCase> cases, List<int> group)
    {
        var text = new StringBuilder();
        foreach (var import in group.SelectMany(id => cases[id].Imports).Distinct(StringComparer.Ordinal))
        {
            text.Append("import \"").Append(import).Append("\"\n");
        }

        foreach (var id in group)
        {
            text.Append(Label(id)).Append(": ").Append(cases[id].Expression).Append('\n');
        }

        return text.ToString();
    }

    // Each error of cue's report starts at column 0 with the field path (or a message) and lists its positions
    // indented below; a case is blamed when the path starts with its label or a position is on its line.
    private static Dictionary<int, string> Blame(string stderr, List<int> group, int firstCaseLine)
    {
        var lines = stderr.Split('\n');
        var blamed = new Dictionary<int, string>();
        string? header = null;
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (!char.IsWhiteSpace(line[0]))
            {
                header = line;
                var m = PathRegex().Match(line);
                if (m.Success && int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && group.Contains(id))
                {
                    blamed.TryAdd(id, line);
                }

                continue;
            }

            var p = PositionRegex().Match(line);
            if (p.Success)
            {
                var index = int.Parse(p.Groups[1].Value, CultureInfo.InvariantCulture) - firstCaseLine;
                if (index >= 0 && index < group.Count)
                {
                    blamed.TryAdd(group[index], header ?? line);
                }
            }
        }

        return blamed;
    }

    [GeneratedRegex(@"^c(\d+)(?:[.:\[ ]|$)")]
    private static partial Regex PathRegex();

    [GeneratedRegex(@"p\.cue:(\d+):\d+")]
    private static partial Regex PositionRegex();
}
