using System.Text.RegularExpressions;

using Dagger.Runtime.Cue.Core;

using static Dagger.Runtime.Cue.Builtins.PackageBuilder;

namespace Dagger.Runtime.Cue.Builtins;

/// <summary>The <c>regexp</c> package (RE2 syntax, translated).</summary>
internal static class RegexpPackage
{
    private const Kind S = Kind.String;

    private static Regex Re(BuiltinCall c)
    {
        try
        {
            return Re2.Get(c.Str(0));
        }
        catch (ArgumentException ex)
        {
            throw new BuiltinException($"error parsing regexp: {ex.Message}");
        }
    }

    private static IEnumerable<Match> All(BuiltinCall c, Regex re, string s)
    {
        var n = c.SmallInt(2);
        var ms = re.Matches(s).Cast<Match>();
        return n < 0 ? ms : ms.Take(n);
    }

    private static BuiltinException NoMatch() => new("no match");

    private static Vertex Named(BuiltinCall c, Regex re, Match m) =>
        c.Ev.MakeStruct(re.GetGroupNames().Where(n => !int.TryParse(n, out _)).Order(StringComparer.Ordinal).Select(n => (n, Str(m.Groups[n].Value))).ToList());

    public static PackageValue Create() => new PackageBuilder("regexp")
        .Fn("Valid", [S], Kind.Bool, c =>
        {
            try
            {
                Re2.Get(c.Str(0));
                return Bool(true);
            }
            catch (ArgumentException e)
            {
                // The reference reports the parse error instead of answering false.
                throw new BuiltinException("error parsing regexp: " + e.Message);
            }
        })
        .Fn("Match", [S, S], Kind.Bool, c => Bool(Re(c).IsMatch(c.Str(1))))
        .Fn("QuoteMeta", [S], S, c => Str(Regex.Replace(c.Str(0), @"[\\.+*?()|\[\]{}^$]", m => "\\" + m.Value)))
        .Fn("Find", [S, S], S, c =>
        {
            var m = Re(c).Match(c.Str(1));
            return m.Success ? Str(m.Value) : throw NoMatch();
        })
        .Fn("FindAll", [S, S, Kind.Int], Kind.List, c =>
        {
            var r = All(c, Re(c), c.Str(1)).Select(m => Str(m.Value)).ToList();
            return r.Count > 0 ? c.Ev.MakeList(r) : throw NoMatch();
        })
        .Fn("FindSubmatch", [S, S], Kind.List, c =>
        {
            var m = Re(c).Match(c.Str(1));
            return m.Success ? c.Ev.MakeList(m.Groups.Cast<Group>().Select(g => Str(g.Value)).ToList()) : throw NoMatch();
        })
        .Fn("FindAllSubmatch", [S, S, Kind.Int], Kind.List, c =>
        {
            var r = All(c, Re(c), c.Str(1)).Select(m => (Value)c.Ev.MakeList(m.Groups.Cast<Group>().Select(g => Str(g.Value)).ToList())).ToList();
            return r.Count > 0 ? c.Ev.MakeList(r) : throw NoMatch();
        })
        .Fn("FindNamedSubmatch", [S, S], Kind.Struct, c =>
        {
            var re = Re(c);
            var m = re.Match(c.Str(1));
            return m.Success ? Named(c, re, m) : throw NoMatch();
        })
        .Fn("FindAllNamedSubmatch", [S, S, Kind.Int], Kind.List, c =>
        {
            var re = Re(c);
            var r = All(c, re, c.Str(1)).Select(m => (Value)Named(c, re, m)).ToList();
            return r.Count > 0 ? c.Ev.MakeList(r) : throw NoMatch();
        })
        .Build();
}
