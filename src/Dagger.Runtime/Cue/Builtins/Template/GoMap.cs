namespace Dagger.Runtime.Cue.Builtins.Template;

/// <summary>
/// A CUE struct as the template engine sees it: Go's <c>map[string]interface{}</c>, whose printing and ranging
/// visit keys in byte order of their UTF-8 text, so the entries are kept sorted that way.
/// </summary>
internal sealed class GoMap
{
    public GoMap(IEnumerable<KeyValuePair<string, object?>> entries)
    {
        Entries = entries.OrderBy(e => e.Key, Utf8Order.Instance).ToList();
        foreach (var e in Entries)
        {
            _index[e.Key] = e.Value;
        }
    }

    private readonly Dictionary<string, object?> _index = new(StringComparer.Ordinal);

    /// <summary>The entries in Go's sorted key order.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Entries { get; }

    public int Count => Entries.Count;

    public bool TryGet(string key, out object? value) => _index.TryGetValue(key, out value);
}
