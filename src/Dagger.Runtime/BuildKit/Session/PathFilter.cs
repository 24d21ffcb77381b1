namespace Dagger.Runtime.BuildKit.Session;

/// <summary>
/// Decides which entries of a directory are synced, from include and exclude patterns, the way BuildKit's file sync
/// walks: includes select paths (a directory on the way to an include is entered but only what matches is sent), then
/// excludes remove paths, the last matching exclude pattern winning.
/// </summary>
internal sealed class PathFilter
{
    private readonly List<string[]> includes;
    private readonly List<PathPattern> excludes;
    private readonly bool hasExclusions;

    internal PathFilter(IEnumerable<string>? includePatterns, IEnumerable<string>? excludePatterns)
    {
        includes = (includePatterns ?? []).Where(p => p.Trim().Length > 0)
            .Select(p => PathPattern.CleanPath(p.Trim()).Split('/'))
            .ToList();
        excludes = (excludePatterns ?? []).Where(p => p.Trim().Length > 0 && !p.TrimStart().StartsWith('#')).Select(PathPattern.Parse).ToList();
        hasExclusions = excludes.Any(p => p.Exclusion);
    }

    /// <summary>What to do with an entry.</summary>
    internal enum Decision
    {
        /// <summary>Send it (and, for a directory, walk it).</summary>
        Include,

        /// <summary>Do not send it, but walk into it: something below may be included.</summary>
        WalkOnly,

        /// <summary>Skip it, and everything below it.</summary>
        Skip,
    }

    /// <summary>Decides for <paramref name="path"/> (relative, slash-separated).</summary>
    /// <param name="path">The entry's path.</param>
    /// <param name="isDirectory">Whether it is a directory.</param>
    /// <param name="insideIncludedDirectory">Whether a parent directory was fully included already.</param>
    /// <param name="fullyIncluded">Set when a directory matched an include pattern completely.</param>
    internal Decision Decide(string path, bool isDirectory, bool insideIncludedDirectory, out bool fullyIncluded)
    {
        fullyIncluded = insideIncludedDirectory;
        if (includes.Count > 0 && !insideIncludedDirectory)
        {
            var segments = path.Split('/');
            var matched = false;
            var partial = true;
            foreach (var include in includes)
            {
                var isPartial = include.Length > segments.Length;
                var pattern = string.Join('/', isPartial ? include[..segments.Length] : include);
                if (GoGlob.Match(pattern, path))
                {
                    matched = true;
                    if (!isPartial)
                    {
                        partial = false;
                        break;
                    }
                }
            }

            if (!matched)
            {
                return Decision.Skip;
            }

            fullyIncluded = !partial && isDirectory;
        }

        if (excludes.Count == 0 || !IsExcluded(path))
        {
            return Decision.Include;
        }

        if (!isDirectory || !hasExclusions)
        {
            return Decision.Skip;
        }

        // An excluded directory is still walked when a later "!pattern" re-includes something inside it.
        var prefix = path + "/";
        return excludes.Any(p => p.Exclusion && (p.Text + "/").StartsWith(prefix, StringComparison.Ordinal))
            ? Decision.Include
            : Decision.Skip;
    }

    private bool IsExcluded(string path)
    {
        var excluded = false;
        foreach (var pattern in excludes)
        {
            if (pattern.MatchesOrParent(path))
            {
                excluded = !pattern.Exclusion;
            }
        }

        return excluded;
    }
}
