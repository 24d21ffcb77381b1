namespace Dagger.MSBuild.Events;

/// <summary>A place in a CUE file of the plan, as the event stream's <c>span</c> gives it (docs/events.md).</summary>
/// <param name="File">The file, relative to the plan's folder with <c>/</c> separators, or absolute.</param>
/// <param name="Line">The first line, from 1.</param>
/// <param name="Column">The first column, from 1.</param>
/// <param name="EndLine">The last line.</param>
/// <param name="EndColumn">The column just after the last character.</param>
internal sealed record SourceSpan(string File, int Line, int Column, int EndLine, int EndColumn)
{
    /// <summary>The span in a JSON object, or null when it is absent or lacks a field.</summary>
    public static SourceSpan? From(object? value)
    {
        if (value is not IReadOnlyDictionary<string, object?> fields
            || !fields.TryGetValue("file", out var file) || file is not string path || path.Length == 0)
        {
            return null;
        }

        var line = Number(fields, "line");
        var column = Number(fields, "column");
        if (line is null || column is null)
        {
            return null;
        }

        return new SourceSpan(path, line.Value, column.Value, Number(fields, "endLine") ?? line.Value, Number(fields, "endColumn") ?? column.Value);
    }

    /// <summary>The file's full path: relative files are joined to <paramref name="planDirectory"/>.</summary>
    public string FullPath(string planDirectory)
    {
        var local = File.Replace('/', Path.DirectorySeparatorChar);
        return Path.IsPathRooted(local) || planDirectory.Length == 0 ? local : Path.Combine(planDirectory, local);
    }

    /// <summary>The span as MSBuild prints a place: <c>file(line,column)</c>.</summary>
    public string Describe(string planDirectory) =>
        FormattableString.Invariant($"{FullPath(planDirectory)}({Line},{Column})");

    private static int? Number(IReadOnlyDictionary<string, object?> fields, string name) =>
        fields.TryGetValue(name, out var value) && value is Json.JsonNumber n && n.AsInt64() is { } v && v is >= 1 and <= int.MaxValue ? (int)v : null;
}
