using System.Text.RegularExpressions;

namespace Dagger.Cue.UnitTests.Differential;

/// <summary>
/// One accepted class of differences, from known-disagreements.md: a line
/// <c>- [program /REGEX/] [difference /REGEX/] reason</c> with at least one of the two conditions; all given
/// conditions must hold. <c>program</c> matches the generated CUE text, <c>difference</c> the description of the
/// disagreement (e.g. <c>key order differs ...</c> or <c>oracle failed, ours succeeded: cycle error:</c>).
/// </summary>
internal sealed partial record KnownDisagreement(Regex? Program, Regex? Difference, string Reason)
{
    public static string FilePath => Path.Combine(Conformance.TestPaths.TestProjectDir, "Differential", "known-disagreements.md");

    public static IReadOnlyList<KnownDisagreement> Load() => Parse(File.ReadAllLines(FilePath));

    public static IReadOnlyList<KnownDisagreement> Parse(IEnumerable<string> lines)
    {
        var entries = new List<KnownDisagreement>();
        var n = 0;
        foreach (var raw in lines)
        {
            n++;
            if (!raw.StartsWith("- ", StringComparison.Ordinal))
            {
                continue;
            }

            var m = LineRegex().Match(raw.TrimEnd());
            if (!m.Success || (!m.Groups["p"].Success && !m.Groups["d"].Success))
            {
                throw new FormatException(
                    $"known-disagreements.md:{n}: expected '- [program /REGEX/] [difference /REGEX/] reason', got: {raw}");
            }

            entries.Add(new KnownDisagreement(
                m.Groups["p"].Success ? new Regex(m.Groups["p"].Value, RegexOptions.CultureInvariant) : null,
                m.Groups["d"].Success ? new Regex(m.Groups["d"].Value, RegexOptions.CultureInvariant) : null,
                m.Groups["reason"].Value));
        }

        return entries;
    }

    public bool Matches(string program, string difference) =>
        (Program is null || Program.IsMatch(program)) && (Difference is null || Difference.IsMatch(difference));

    [GeneratedRegex(@"^- (?:program /(?<p>.+?)/ )?(?:difference /(?<d>.+?)/ )?(?<reason>\S.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex LineRegex();
}
