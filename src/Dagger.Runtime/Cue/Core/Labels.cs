using System.Collections.Concurrent;

namespace Dagger.Runtime.Cue.Core;

/// <summary>The kind of a field label, encoded in the low bits of a feature.</summary>
internal enum LabelType
{
    String = 0,
    Int = 1,
    Definition = 3,
    Hidden = 6,
    HiddenDefinition = 7,
}

/// <summary>Interns labels into ints (<c>index &lt;&lt; 3 | type</c>) so arcs compare and hash cheaply.</summary>
internal static class Labels
{
    private static readonly ConcurrentDictionary<string, int> Index = new(StringComparer.Ordinal);
    private static readonly List<string> Names = [];
    private static readonly Lock Gate = new();

    public const int None = -1;

    public static int Intern(string s)
    {
        if (Index.TryGetValue(s, out var i))
        {
            return i;
        }

        lock (Gate)
        {
            if (Index.TryGetValue(s, out i))
            {
                return i;
            }

            i = Names.Count;
            Names.Add(s);
            Index[s] = i;
            return i;
        }
    }

    private static string NameAt(int i)
    {
        lock (Gate)
        {
            return Names[i];
        }
    }

    public static int Make(string name, LabelType t, string package = "")
    {
        var key = t is LabelType.Hidden or LabelType.HiddenDefinition ? name + "\0" + package : name;
        return (Intern(key) << 3) | (int)t;
    }

    public static int FromName(string name, string package = "")
    {
        var t = name.StartsWith("_#", StringComparison.Ordinal) ? LabelType.HiddenDefinition
            : name.StartsWith('#') ? LabelType.Definition
            : name.StartsWith('_') ? LabelType.Hidden
            : LabelType.String;
        return Make(name, t, package);
    }

    public static int String(string name) => Make(name, LabelType.String);

    public static int Int(int i) => (i << 3) | (int)LabelType.Int;

    public static LabelType TypeOf(int f) => (LabelType)(f & 7);

    public static bool IsRegular(int f) => TypeOf(f) is LabelType.String or LabelType.Int;

    public static bool IsString(int f) => TypeOf(f) == LabelType.String;

    public static bool IsDefinition(int f) => TypeOf(f) is LabelType.Definition or LabelType.HiddenDefinition;

    public static bool IsHidden(int f) => TypeOf(f) is LabelType.Hidden or LabelType.HiddenDefinition;

    public static int IndexOf(int f) => f >> 3;

    /// <summary>The label as written (hidden labels without their package).</summary>
    public static string Name(int f)
    {
        if (f == None)
        {
            return "";
        }

        if (TypeOf(f) == LabelType.Int)
        {
            return (f >> 3).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var s = NameAt(f >> 3);
        if (!IsHidden(f))
        {
            return s;
        }

        var z = s.IndexOf('\0', StringComparison.Ordinal);
        return z >= 0 ? s[..z] : s;
    }
}
