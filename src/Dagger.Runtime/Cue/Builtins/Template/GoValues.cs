using System.Numerics;

namespace Dagger.Runtime.Cue.Builtins.Template;

/// <summary>
/// The Go values a template works on, as C# objects: null (nil), bool, long (int), byte (uint8), double
/// (float64), <see cref="Complex"/> (complex128), string, byte[] ([]uint8), <see cref="GoBigInt"/>,
/// <see cref="GoList"/> and <see cref="GoMap"/>. Helpers here answer what Go's reflection would.
/// </summary>
internal static class GoValues
{
    /// <summary>The type's name as Go's <c>%T</c> and error messages print it.</summary>
    public static string TypeName(object? v) => v switch
    {
        null => "<nil>",
        bool => "bool",
        long => "int",
        byte => "uint8",
        double => "float64",
        Complex => "complex128",
        string => "string",
        byte[] => "[]uint8",
        GoBigInt => "*big.Int",
        GoList => "[]interface {}",
        GoMap => "map[string]interface {}",
        _ => v.GetType().Name,
    };

    /// <summary>The static type of a reflected value, as Go names it in "can't evaluate field" messages.</summary>
    public static string StaticTypeName(GoValue v) => v.Boxed ? "interface {}" : TypeName(v.Value);

    /// <summary>Go's truth of a value for if, with, and, or and not: empty and zero values are false.</summary>
    public static bool IsTrue(GoValue v) => v.Valid && v.Value switch
    {
        null => false,
        bool b => b,
        long l => l != 0,
        byte b => b != 0,
        double d => d != 0,
        Complex c => c != Complex.Zero,
        string s => s.Length > 0,
        byte[] b => b.Length > 0,
        GoList l => l.Items.Count > 0,
        GoMap m => m.Count > 0,
        _ => true,
    };

    /// <summary>
    /// The capacity Go's append leaves on a slice built one element at a time, which the <c>slice</c> function
    /// lets a template reach (CUE builds its lists that way, so slicing past the length shows nil elements).
    /// </summary>
    public static int Capacity(int length)
    {
        if (length == 0)
        {
            return 0;
        }

        var cap = 1;
        while (cap < length)
        {
            cap *= 2;
        }

        return cap;
    }
}
