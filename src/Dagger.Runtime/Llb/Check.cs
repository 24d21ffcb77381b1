using System.Globalization;

namespace Dagger.Runtime.Llb;

/// <summary>Argument checks whose messages name the op and the value at fault.</summary>
internal static class Check
{
    private const int MaxMode = 0xFFF;

    /// <summary>Unix permission bits, 0 to 07777.</summary>
    public static int FileMode(int mode, string where) =>
        mode is >= 0 and <= MaxMode
            ? mode
            : throw new LlbException($"{where}: mode {Octal(mode)} is not a valid permission (0 to 07777)");

    /// <summary>A uid or gid.</summary>
    public static void Id(int id, string where)
    {
        if (id < 0)
        {
            throw new LlbException($"{where} {id.ToString(CultureInfo.InvariantCulture)} must not be negative");
        }
    }

    private static string Octal(int mode) =>
        mode < 0 ? mode.ToString(CultureInfo.InvariantCulture) : "0" + Convert.ToString(mode, 8);
}
