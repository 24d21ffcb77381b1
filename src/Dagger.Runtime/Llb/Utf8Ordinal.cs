using System.Text;

namespace Dagger.Runtime.Llb;

/// <summary>
/// Orders strings by their UTF-8 bytes, as Go's string comparison does. UTF-16 ordinal order differs for characters above
/// U+E000 versus surrogate pairs, and BuildKit sorts map keys and mount targets by bytes.
/// </summary>
internal sealed class Utf8Ordinal : IComparer<string>
{
    public static Utf8Ordinal Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        return Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y));
    }
}
