using System.Text.RegularExpressions;

namespace Dagger.Cue.Tests.Differential;

/// <summary>
/// One accepted class of differences, from known-disagreements.md: a line
/// <c>- program|difference /REGEX/ reason</c>. <c>program</c> matches the generated CUE text, <c>difference</c>
/// matches the description of the disagreement (e.g. <c>key order differs</c>).
/// </summary>
internal sealed record KnownDisagreement(string Target, Regex Pattern, string Reason)
{
    private static readonly Regex Line = new(@"^- (program|difference) /(.+)/ (.+)$", RegexOptions.CultureInvariant);

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

            var m = Line.Match(raw.TrimEnd());
            if (!m.Success)
            {
                throw new FormatException($"known-disagreements.md:{n}: expected '- program|difference /REGEX/ reason', got: {raw}");
            }

            entries.Add(new KnownDisagreement(m.Groups[1].Value, new Regex(m.Groups[2].Value, RegexOptions.CultureInvariant), m.Groups[3].Value));
        }

        return entries;
    }

    public bool Matches(string program, string difference) =>
        Pattern.IsMatch(Target == "program" ? program : difference);
}
