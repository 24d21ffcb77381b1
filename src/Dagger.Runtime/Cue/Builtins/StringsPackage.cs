using System.Text;
using Dagger.Runtime.Cue.Builtins.Go;
using Dagger.Runtime.Cue.Core;
using static Dagger.Runtime.Cue.Builtins.PackageBuilder;

namespace Dagger.Runtime.Cue.Builtins;

/// <summary>The <c>strings</c> package. Indices count UTF-8 bytes, like Go.</summary>
internal static class StringsPackage
{
    private const Kind S = Kind.String;
    private const Kind I = Kind.Int;

    // v0.4's ToTitle title-cases the first rune of each word, words being separated by spaces only.
    private static string ToTitle(string s)
    {
        var prevSpace = true;
        return GoUnicode.Map(s, r =>
        {
            var mapped = prevSpace ? GoUnicode.Title(r) : r;
            prevSpace = GoUnicode.IsSpace(r);
            return mapped;
        });
    }

    // An empty old string matches before every rune and at the end, at most n times (all when n < 0).
    private static string InsertBetweenRunes(string s, string insert, int n)
    {
        var sb = new StringBuilder();
        var done = 0;
        foreach (var r in s.EnumerateRunes())
        {
            if (n < 0 || done < n)
            {
                sb.Append(insert);
                done++;
            }

            sb.Append(r.ToString());
        }

        if (n < 0 || done < n)
        {
            sb.Append(insert);
        }

        return sb.ToString();
    }

    private static int ByteIndex(string s, string sub)
    {
        var i = s.IndexOf(sub, StringComparison.Ordinal);
        return i < 0 ? -1 : Encoding.UTF8.GetByteCount(s.AsSpan(0, i));
    }

    private static int LastByteIndex(string s, string sub)
    {
        var i = s.LastIndexOf(sub, StringComparison.Ordinal);
        return i < 0 ? -1 : Encoding.UTF8.GetByteCount(s.AsSpan(0, i));
    }

    private static Vertex StrList(BuiltinCall c, IEnumerable<string> items) => c.Ev.MakeList(items.Select(Str).ToList());

    private static List<string> SplitN(string s, string sep, int n, bool after)
    {
        var r = new List<string>();
        if (n == 0)
        {
            return r;
        }

        if (sep.Length == 0)
        {
            var runes = s.EnumerateRunes().Select(x => x.ToString()).ToList();
            if (n > 0 && runes.Count > n)
            {
                var head = runes.Take(n - 1).ToList();
                head.Add(string.Concat(runes.Skip(n - 1)));
                return head;
            }

            return runes;
        }

        var start = 0;
        while (n < 0 || r.Count < n - 1)
        {
            var i = s.IndexOf(sep, start, StringComparison.Ordinal);
            if (i < 0)
            {
                break;
            }

            r.Add(s[start..(after ? i + sep.Length : i)]);
            start = i + sep.Length;
        }

        r.Add(s[start..]);
        return r;
    }

    private static string TrimSet(string s, string cut, bool left, bool right)
    {
        var set = cut.EnumerateRunes().ToHashSet();
        var runes = s.EnumerateRunes().ToList();
        var a = 0;
        var b = runes.Count;
        while (left && a < b && set.Contains(runes[a]))
        {
            a++;
        }

        while (right && b > a && set.Contains(runes[b - 1]))
        {
            b--;
        }

        return string.Concat(runes.Skip(a).Take(b - a).Select(x => x.ToString()));
    }

    public static PackageValue Create() => new PackageBuilder("strings")
        .Fn("ByteAt", [Kind.Bytes | S, I], I, c =>
        {
            var b = c.Bytes(0);
            var i = c.SmallInt(1);
            if (i < 0 || i >= b.Length)
            {
                throw new BuiltinException("index out of range");
            }

            return Int(b[i]);
        })
        .Fn("ByteSlice", [Kind.Bytes | S, I, I], Kind.Bytes, c =>
        {
            var b = c.Bytes(0);
            var lo = c.SmallInt(1);
            var hi = c.SmallInt(2);
            if (lo < 0 || hi > b.Length || lo > hi)
            {
                throw new BuiltinException("index out of range");
            }

            return new BytesValue(b[lo..hi]);
        })
        .Fn("Runes", [S], Kind.List, c => c.Ev.MakeList(c.Str(0).EnumerateRunes().Select(r => Int(r.Value)).ToList()))
        .Fn("MinRunes", [S, I], Kind.Bool, c => Bool(c.Str(0).EnumerateRunes().Count() >= c.Int(1)))
        .Fn("MaxRunes", [S, I], Kind.Bool, c => Bool(c.Str(0).EnumerateRunes().Count() <= c.Int(1)))
        .Fn("ToTitle", [S], S, c => Str(ToTitle(c.Str(0))))
        .Fn("ToCamel", [S], S, c =>
        {
            var s = c.Str(0);
            var sb = new StringBuilder();
            var prevSpace = true;
            foreach (var ch in s)
            {
                sb.Append(prevSpace ? char.ToLowerInvariant(ch) : ch);
                prevSpace = char.IsWhiteSpace(ch);
            }

            return Str(sb.ToString());
        })
        .Fn("SliceRunes", [S, I, I], S, c =>
        {
            var r = c.Str(0).EnumerateRunes().ToList();
            var lo = c.SmallInt(1);
            var hi = c.SmallInt(2);
            if (lo < 0 || hi > r.Count || lo > hi)
            {
                throw new BuiltinException("index out of range");
            }

            return Str(string.Concat(r.Skip(lo).Take(hi - lo).Select(x => x.ToString())));
        })
        .Fn("Compare", [S, S], I, c => Int(Math.Sign(string.CompareOrdinal(c.Str(0), c.Str(1)))))
        .Fn("Count", [S, S], I, c =>
        {
            var s = c.Str(0);
            var sub = c.Str(1);
            if (sub.Length == 0)
            {
                return Int(s.EnumerateRunes().Count() + 1);
            }

            var n = 0;
            for (var i = s.IndexOf(sub, StringComparison.Ordinal); i >= 0; i = s.IndexOf(sub, i + sub.Length, StringComparison.Ordinal))
            {
                n++;
            }

            return Int(n);
        })
        .Fn("Contains", [S, S], Kind.Bool, c => Bool(c.Str(0).Contains(c.Str(1), StringComparison.Ordinal)))
        .Fn("ContainsAny", [S, S], Kind.Bool, c => Bool(c.Str(0).EnumerateRunes().Any(r => c.Str(1).EnumerateRunes().Contains(r))))
        .Fn("Index", [S, S], I, c => Int(ByteIndex(c.Str(0), c.Str(1))))
        .Fn("LastIndex", [S, S], I, c => Int(LastByteIndex(c.Str(0), c.Str(1))))
        .Fn("IndexAny", [S, S], I, c =>
        {
            var s = c.Str(0);
            var i = s.IndexOfAny(c.Str(1).ToCharArray());
            return Int(i < 0 ? -1 : Encoding.UTF8.GetByteCount(s.AsSpan(0, i)));
        })
        .Fn("LastIndexAny", [S, S], I, c =>
        {
            var s = c.Str(0);
            var i = s.LastIndexOfAny(c.Str(1).ToCharArray());
            return Int(i < 0 ? -1 : Encoding.UTF8.GetByteCount(s.AsSpan(0, i)));
        })
        .Fn("Split", [S, S], Kind.List, c => StrList(c, SplitN(c.Str(0), c.Str(1), -1, false)))
        .Fn("SplitN", [S, S, I], Kind.List, c => StrList(c, SplitN(c.Str(0), c.Str(1), c.SmallInt(2), false)))
        .Fn("SplitAfter", [S, S], Kind.List, c => StrList(c, SplitN(c.Str(0), c.Str(1), -1, true)))
        .Fn("SplitAfterN", [S, S, I], Kind.List, c => StrList(c, SplitN(c.Str(0), c.Str(1), c.SmallInt(2), true)))
        .Fn("Fields", [S], Kind.List, c => StrList(c, c.Str(0).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))
        .Fn("Join", [Kind.List, S], S, c =>
        {
            var parts = c.ListOf(0, Kind.String).Select(v => ((StringValue)v).S).ToList();
            return Str(string.Join(c.Str(1), parts));
        })
        .Fn("HasPrefix", [S, S], Kind.Bool, c => Bool(c.Str(0).StartsWith(c.Str(1), StringComparison.Ordinal)))
        .Fn("HasSuffix", [S, S], Kind.Bool, c => Bool(c.Str(0).EndsWith(c.Str(1), StringComparison.Ordinal)))
        .Fn("Repeat", [S, I], S, c =>
        {
            var n = c.SmallInt(1);
            if (n < 0)
            {
                throw new BuiltinException("strings: negative Repeat count");
            }

            return Str(string.Concat(Enumerable.Repeat(c.Str(0), n)));
        })
        .Fn("ToUpper", [S], S, c => Str(GoUnicode.ToUpper(c.Str(0))))
        .Fn("ToLower", [S], S, c => Str(GoUnicode.ToLower(c.Str(0))))
        .Fn("Trim", [S, S], S, c => Str(TrimSet(c.Str(0), c.Str(1), true, true)))
        .Fn("TrimLeft", [S, S], S, c => Str(TrimSet(c.Str(0), c.Str(1), true, false)))
        .Fn("TrimRight", [S, S], S, c => Str(TrimSet(c.Str(0), c.Str(1), false, true)))
        .Fn("TrimSpace", [S], S, c => Str(c.Str(0).Trim()))
        .Fn("TrimPrefix", [S, S], S, c =>
        {
            var s = c.Str(0);
            var p = c.Str(1);
            return Str(p.Length > 0 && s.StartsWith(p, StringComparison.Ordinal) ? s[p.Length..] : s);
        })
        .Fn("TrimSuffix", [S, S], S, c =>
        {
            var s = c.Str(0);
            var p = c.Str(1);
            return Str(p.Length > 0 && s.EndsWith(p, StringComparison.Ordinal) ? s[..^p.Length] : s);
        })
        .Fn("Replace", [S, S, S, I], S, c =>
        {
            var s = c.Str(0);
            var old = c.Str(1);
            var nw = c.Str(2);
            var n = c.SmallInt(3);
            if (old.Length == 0)
            {
                return Str(InsertBetweenRunes(s, nw, n));
            }

            if (n < 0)
            {
                return Str(s.Replace(old, nw, StringComparison.Ordinal));
            }

            var sb = new StringBuilder();
            var start = 0;
            for (var k = 0; k < n; k++)
            {
                var i = s.IndexOf(old, start, StringComparison.Ordinal);
                if (i < 0)
                {
                    break;
                }

                sb.Append(s, start, i - start).Append(nw);
                start = i + old.Length;
            }

            sb.Append(s, start, s.Length - start);
            return Str(sb.ToString());
        })
        .Build();
}
