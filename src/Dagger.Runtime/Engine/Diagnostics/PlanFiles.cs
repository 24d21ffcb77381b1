using Dagger.Runtime.Cue;

namespace Dagger.Runtime.Engine.Diagnostics;

/// <summary>How spans name files: relative to the plan's folder with <c>/</c>, or absolute when outside it.</summary>
public static class PlanFiles
{
    /// <summary><paramref name="span"/> with its file named relative to <paramref name="planDirectory"/>.</summary>
    public static SourceSpan Normalize(SourceSpan span, string planDirectory)
    {
        var file = span.File.Replace('\\', '/');
        if (file.StartsWith("./", StringComparison.Ordinal))
        {
            file = file[2..];
        }

        if (file.StartsWith("../", StringComparison.Ordinal) || file == "..")
        {
            file = Path.GetFullPath(Path.Combine(planDirectory, file)).Replace('\\', '/');
        }

        return span with { File = file };
    }
}
