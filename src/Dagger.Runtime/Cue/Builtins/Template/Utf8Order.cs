namespace Dagger.Runtime.Cue.Builtins.Template;

/// <summary>
/// Go compares strings byte by byte over UTF-8, which differs from UTF-16 ordinal order once surrogate pairs meet
/// characters above U+E000; comparing code points gives the UTF-8 order.
/// </summary>
internal sealed class Utf8Order : IComparer<string>
{
    public static Utf8Order Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        var a = x.EnumerateRunes().GetEnumerator();
        var b = y.EnumerateRunes().GetEnumerator();
        while (true)
        {
            var ha = a.MoveNext();
            var hb = b.MoveNext();
            if (!ha || !hb)
            {
                return ha == hb ? 0 : (ha ? 1 : -1);
            }

            var c = a.Current.Value.CompareTo(b.Current.Value);
            if (c != 0)
            {
                return c;
            }
        }
    }
}
