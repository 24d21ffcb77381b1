namespace Dagger.Runtime.Cue.Core;

/// <summary>The kinds of CUE values, as a mask.</summary>
[Flags]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "These are CUE's kind names (int, float, string...).")]
public enum Kind
{
    /// <summary>No kind: bottom.</summary>
    None = 0,

    /// <summary>null.</summary>
    Null = 1,

    /// <summary>bool.</summary>
    Bool = 2,

    /// <summary>int.</summary>
    Int = 4,

    /// <summary>float.</summary>
    Float = 8,

    /// <summary>string.</summary>
    String = 16,

    /// <summary>bytes.</summary>
    Bytes = 32,

    /// <summary>struct.</summary>
    Struct = 64,

    /// <summary>list.</summary>
    List = 128,

    /// <summary>int or float.</summary>
    Number = Int | Float,

    /// <summary>Any scalar.</summary>
    Scalar = Null | Bool | Number | String | Bytes,

    /// <summary>Any value: <c>_</c>.</summary>
    Top = Scalar | Struct | List,
}

/// <summary>Names of kinds as CUE prints them.</summary>
internal static class KindNames
{
    public static string Name(Kind k)
    {
        if (k == Kind.Top)
        {
            return "_";
        }

        if (k == Kind.Number)
        {
            return "number";
        }

        var parts = new List<string>();
        if (k.HasFlag(Kind.Null)) { parts.Add("null"); }
        if (k.HasFlag(Kind.Bool)) { parts.Add("bool"); }
        if ((k & Kind.Number) == Kind.Number) { parts.Add("number"); }
        else if (k.HasFlag(Kind.Int)) { parts.Add("int"); }
        else if (k.HasFlag(Kind.Float)) { parts.Add("float"); }
        if (k.HasFlag(Kind.String)) { parts.Add("string"); }
        if (k.HasFlag(Kind.Bytes)) { parts.Add("bytes"); }
        if (k.HasFlag(Kind.Struct)) { parts.Add("struct"); }
        if (k.HasFlag(Kind.List)) { parts.Add("list"); }
        return parts.Count == 0 ? "_|_" : string.Join("|", parts);
    }
}
