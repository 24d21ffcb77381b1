using System.Collections.Concurrent;

namespace Dagger.Runtime.Cue.Core;

/// <summary>
/// Interns labels into features (<c>index &lt;&lt; 3 | type</c>, see <see cref="Labels"/>) so arcs compare and hash
/// cheaply. Each context has its own table, so that it goes away with the context instead of growing for the life of
/// the process; features of one table mean nothing in another.
/// </summary>
internal sealed class LabelTable
{
    // Reads take no lock: values of one context may be read from several threads while none of them interns.
    private readonly ConcurrentDictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];
    private readonly Lock _gate = new();

    /// <summary>How many distinct labels the table holds.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _names.Count;
            }
        }
    }

    public int Intern(string s)
    {
        if (_index.TryGetValue(s, out var i))
        {
            return i;
        }

        lock (_gate)
        {
            if (_index.TryGetValue(s, out i))
            {
                return i;
            }

            i = _names.Count;
            _names.Add(s);
            _index[s] = i;
            return i;
        }
    }

    /// <summary>Whether <paramref name="s"/> was interned (hidden labels with their package).</summary>
    public bool Contains(string s) => _index.ContainsKey(s);

    public int Make(string name, LabelType t, string package = "")
    {
        var key = t is LabelType.Hidden or LabelType.HiddenDefinition ? name + "\0" + package : name;
        return (Intern(key) << 3) | (int)t;
    }

    public int FromName(string name, string package = "")
    {
        var t = name.StartsWith("_#", StringComparison.Ordinal) ? LabelType.HiddenDefinition
            : name.StartsWith('#') ? LabelType.Definition
            : name.StartsWith('_') ? LabelType.Hidden
            : LabelType.String;
        return Make(name, t, package);
    }

    public int String(string name) => Make(name, LabelType.String);

    /// <summary>The label as written (hidden labels without their package).</summary>
    public string Name(int f)
    {
        if (f == Labels.None)
        {
            return "";
        }

        if (Labels.TypeOf(f) == LabelType.Int)
        {
            return (f >> 3).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var s = NameAt(f >> 3);
        if (!Labels.IsHidden(f))
        {
            return s;
        }

        var z = s.IndexOf('\0', StringComparison.Ordinal);
        return z >= 0 ? s[..z] : s;
    }

    /// <summary>The package a hidden label belongs to ("" for other labels, and for files outside a package).</summary>
    public string PackageOf(int f)
    {
        if (f == Labels.None || !Labels.IsHidden(f))
        {
            return "";
        }

        var s = NameAt(f >> 3);
        var z = s.IndexOf('\0', StringComparison.Ordinal);
        return z >= 0 ? s[(z + 1)..] : "";
    }

    private string NameAt(int i)
    {
        lock (_gate)
        {
            return _names[i];
        }
    }
}
