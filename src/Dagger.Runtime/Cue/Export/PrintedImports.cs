using System.Collections;

namespace Dagger.Runtime.Cue.Export;

/// <summary>
/// The packages a printed value refers to, in the order the text first uses them: v0.4 adds an import to the header
/// as its printer meets the reference, and does not sort a header it built itself.
/// </summary>
internal sealed class PrintedImports : IReadOnlyCollection<(string Path, string Name)>
{
    private readonly List<(string Path, string Name)> _order = [];
    private readonly HashSet<(string Path, string Name)> _seen = [];

    public int Count => _order.Count;

    /// <summary>Notes a use; a package already noted keeps its place.</summary>
    public void Add((string Path, string Name) import)
    {
        if (_seen.Add(import))
        {
            _order.Add(import);
        }
    }

    public IEnumerator<(string Path, string Name)> GetEnumerator() => _order.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
