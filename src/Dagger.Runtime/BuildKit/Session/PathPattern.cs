using System.Text;
using System.Text.RegularExpressions;

namespace Dagger.Runtime.BuildKit.Session;

/// <summary>
/// One exclude pattern in the <c>.dockerignore</c> style BuildKit's file sync uses: <c>*</c> and <c>?</c> stay within a
/// path segment, <c>**</c> crosses segments, a leading <c>!</c> re-includes, and a pattern matching a directory
/// matches everything below it.
/// </summary>
internal sealed class PathPattern
{
    private readonly Regex regex;

    private PathPattern(string text, bool exclusion, Regex regex, int depth)
    {
        Text = text;
        Exclusion = exclusion;
        this.regex = regex;
        Depth = depth;
    }

    /// <summary>The cleaned pattern, without its <c>!</c>.</summary>
    internal string Text { get; }

    /// <summary>Whether the pattern re-includes what earlier patterns excluded.</summary>
    internal bool Exclusion { get; }

    /// <summary>How many path segments the pattern has.</summary>
    internal int Depth { get; }

    /// <summary>Parses one pattern.</summary>
    /// <exception cref="ArgumentException">The pattern is empty or is only "!".</exception>
    internal static PathPattern Parse(string pattern)
    {
        var text = pattern.Trim();
        var exclusion = text.StartsWith('!');
        if (exclusion)
        {
            text = text[1..].Trim();
        }

        text = CleanPath(text);
        if (text.Length == 0 || text == ".")
        {
            throw new ArgumentException($"invalid path pattern '{pattern}'", nameof(pattern));
        }

        return new PathPattern(text, exclusion, new Regex(ToRegex(text), RegexOptions.CultureInvariant), text.Split('/').Length);
    }

    /// <summary>Whether the pattern matches <paramref name="path"/> exactly (slash-separated, relative).</summary>
    internal bool Matches(string path) => regex.IsMatch(path);

    /// <summary>Whether the pattern matches the path or one of its parent directories.</summary>
    internal bool MatchesOrParent(string path)
    {
        if (Matches(path))
        {
            return true;
        }

        var parts = path.Split('/');
        return parts.Length > 1 && Depth < parts.Length && Matches(string.Join('/', parts[..Depth]));
    }

    /// <summary>Removes leading slashes, <c>./</c>, duplicate and trailing slashes, and resolves <c>..</c>.</summary>
    internal static string CleanPath(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Replace('\\', '/').Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }

                continue;
            }

            parts.Add(part);
        }

        return parts.Count == 0 ? "." : string.Join('/', parts);
    }

    private static string ToRegex(string pattern) => GlobRegex.Translate(pattern, doubleStar: true, bangNegatesSet: true);
}
