using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Dagger.Runtime.BuildKit.Session;

/// <summary>Shell-style matching of a whole path, segment by segment (<c>*</c> never crosses a slash).</summary>
internal static class GoGlob
{
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    internal static bool Match(string pattern, string path) => Cache.GetOrAdd(pattern, Compile).IsMatch(path);

    private static Regex Compile(string pattern) =>
        new(GlobRegex.Translate(pattern, doubleStar: false, bangNegatesSet: false), RegexOptions.CultureInvariant);
}
