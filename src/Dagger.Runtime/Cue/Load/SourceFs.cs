namespace Dagger.Runtime.Cue.Load;

/// <summary>
/// The files the loader sees: the disk plus an overlay of in-memory files (absolute path → content). An overlay
/// file replaces a disk file at the same path, and makes its directories exist.
/// </summary>
internal sealed class SourceFs
{
    private readonly Dictionary<string, string> _overlay = new(StringComparer.Ordinal);
    private readonly HashSet<string> _overlayDirs = new(StringComparer.Ordinal);

    public SourceFs(string cwd, IReadOnlyDictionary<string, string>? overlay)
    {
        foreach (var (path, text) in overlay ?? new Dictionary<string, string>())
        {
            var full = Path.GetFullPath(path, cwd);
            _overlay[full] = text;
            for (var d = Path.GetDirectoryName(full); d is not null && _overlayDirs.Add(d); d = Path.GetDirectoryName(d))
            {
            }
        }
    }

    public bool FileExists(string path) => _overlay.ContainsKey(path) || File.Exists(path);

    public bool DirectoryExists(string path) => _overlayDirs.Contains(path) || Directory.Exists(path);

    public string ReadAllText(string path) => _overlay.TryGetValue(path, out var text) ? text : File.ReadAllText(path);

    /// <summary>The <c>.cue</c> files directly in <paramref name="dir"/>, sorted by name.</summary>
    public IEnumerable<string> CueFiles(string dir)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        if (Directory.Exists(dir))
        {
            files.UnionWith(Directory.GetFiles(dir, "*.cue"));
        }

        if (_overlayDirs.Contains(dir))
        {
            files.UnionWith(_overlay.Keys.Where(k => k.EndsWith(".cue", StringComparison.Ordinal) && Path.GetDirectoryName(k) == dir));
        }

        return files;
    }
}
