using Dagger.Runtime.Engine.Ops;

namespace Dagger.Runtime.Engine.Compilation;

/// <summary>
/// The names given to LLB vertices, <c>@&lt;op path&gt;@ &lt;description&gt;</c>, so that BuildKit's progress and
/// failures can be attributed to the op, and so to its task, that produced them.
/// </summary>
public static class VertexName
{
    private const int MaxDescription = 120;

    /// <summary>The name of the vertex made by the op at <paramref name="source"/>.</summary>
    public static string Format(OpSource source, string description)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(description);
        var oneLine = description.ReplaceLineEndings(" ");
        if (oneLine.Length > MaxDescription)
        {
            oneLine = string.Concat(oneLine.AsSpan(0, MaxDescription - 1), "…");
        }

        return $"@{source.Path}@ {oneLine}";
    }

    /// <summary>Splits a vertex name made by <see cref="Format"/> into the op path and the description.</summary>
    public static bool TryParse(string? name, out string path, out string description)
    {
        path = description = string.Empty;
        if (name is null || name.Length < 3 || name[0] != '@')
        {
            return false;
        }

        var end = name.IndexOf("@ ", 1, StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        path = name[1..end];
        description = name[(end + 2)..];
        return path.Length > 0;
    }
}
