namespace Dagger.MSBuild;

/// <summary>Walks folders for the incremental check: what a plan reads, without what dagger and git keep beside it.</summary>
internal static class FileTree
{
    // .dagger/ holds dagger's own state (the tool never sends it); .git/ changes with every commit and fetch.
    private static readonly string[] SkippedNames = [".dagger", ".git"];

    /// <summary>Every file under <paramref name="root"/>, leaving out the folders in <paramref name="skip"/>.</summary>
    public static IEnumerable<string> Enumerate(string root, IReadOnlyCollection<string> skip)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            string[] files;
            string[] folders;
            try
            {
                files = Directory.GetFiles(folder);
                folders = Directory.GetDirectories(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // An unreadable folder is the tool's to report, with its own code, when it reads the input.
                continue;
            }

            foreach (var file in files)
            {
                yield return file;
            }

            foreach (var child in folders)
            {
                var name = Path.GetFileName(child);
                if (!SkippedNames.Contains(name, StringComparer.Ordinal) && !skip.Contains(child, StringComparer.Ordinal))
                {
                    pending.Push(child);
                }
            }
        }
    }

    /// <summary>The folder named <paramref name="name"/> in <paramref name="start"/> or the nearest folder above it.</summary>
    public static string? FindUp(string start, string name)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, name);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
