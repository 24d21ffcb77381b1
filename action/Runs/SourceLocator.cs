using Dagger.Action.Events;

namespace Dagger.Action.Runs;

/// <summary>
/// Turns a span of the event stream (relative to the plan's folder) into a place in the repository (relative to the
/// workspace, with <c>/</c>). A file outside the workspace, such as a package embedded in the tool, has no place.
/// </summary>
/// <param name="Workspace">The repository's folder, absolute.</param>
internal sealed record SourceLocator(string Workspace)
{
    /// <summary>The span's place in the repository, or null.</summary>
    public SourceLocation? Locate(Span? span, string planFolder)
    {
        if (span is null || span.Line < 1)
        {
            return null;
        }

        string full;
        try
        {
            full = Path.GetFullPath(Path.Combine(planFolder, span.File.Replace('/', Path.DirectorySeparatorChar)));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }

        var relative = Path.GetRelativePath(Workspace, full);
        if (relative == "." || Path.IsPathRooted(relative) || relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return null;
        }

        var endLine = Math.Max(span.EndLine, span.Line);
        // GitHub takes columns only for a place on one line.
        var oneLine = endLine == span.Line;
        return new SourceLocation(
            relative.Replace(Path.DirectorySeparatorChar, '/'),
            span.Line,
            endLine,
            oneLine ? span.Column : null,
            oneLine ? Math.Max(span.EndColumn, span.Column) : null);
    }
}
