using System.Text;

using Dagger.Runtime.Cue.Core;
using Dagger.Runtime.Cue.Syntax;
using static Dagger.Runtime.Cue.Builtins.PackageBuilder;

namespace Dagger.Runtime.Cue.Builtins;

/// <summary>
/// The <c>path</c> package: Go's path/filepath rules for a chosen OS (unix, the default; windows; plan9), given
/// as an optional last argument.
/// </summary>
internal static class PathPackage
{
    private sealed record Os(string Name, char Separator)
    {
        public bool IsSep(char c) => Name == "windows" ? c is '\\' or '/' : c == '/';

        public int VolumeLen(string p)
        {
            if (Name != "windows" || p.Length < 2)
            {
                return 0;
            }

            var c = p[0];
            if (p[1] == ':' && char.IsAsciiLetter(c))
            {
                return 2;
            }

            var l = p.Length;
            if (l >= 5 && IsSep(p[0]) && IsSep(p[1]) && !IsSep(p[2]) && p[2] != '.')
            {
                for (var n = 3; n < l - 1; n++)
                {
                    if (IsSep(p[n]))
                    {
                        n++;
                        if (!IsSep(p[n]))
                        {
                            if (p[n] == '.')
                            {
                                break;
                            }

                            for (; n < l; n++)
                            {
                                if (IsSep(p[n]))
                                {
                                    break;
                                }
                            }

                            return n;
                        }

                        break;
                    }
                }
            }

            return 0;
        }

        /// <summary>Go's filepath.Rel: the path that leads from <paramref name="basePath"/> to <paramref name="target"/>.</summary>
        public string Rel(string basePath, string target)
        {
            var baseVol = basePath[..VolumeLen(basePath)];
            var targVol = target[..VolumeLen(target)];
            var b = Clean(basePath);
            var t = Clean(target);
            if (SameWord(t, b))
            {
                return ".";
            }

            b = b[baseVol.Length..];
            t = t[targVol.Length..];
            if (b == ".")
            {
                b = string.Empty;
            }

            // IsAbs would not do: on Windows both \a and a are relative.
            var baseSlashed = b.Length > 0 && b[0] == Separator;
            var targSlashed = t.Length > 0 && t[0] == Separator;
            var cannot = new BuiltinException($"Rel: can't make {target} relative to {basePath}");
            if (baseSlashed != targSlashed || !SameWord(baseVol, targVol))
            {
                throw cannot;
            }

            int b0 = 0, bi = 0, t0 = 0, ti = 0;
            while (true)
            {
                while (bi < b.Length && b[bi] != Separator)
                {
                    bi++;
                }

                while (ti < t.Length && t[ti] != Separator)
                {
                    ti++;
                }

                if (!SameWord(t[t0..ti], b[b0..bi]))
                {
                    break;
                }

                if (bi < b.Length)
                {
                    bi++;
                }

                if (ti < t.Length)
                {
                    ti++;
                }

                b0 = bi;
                t0 = ti;
            }

            if (b[b0..bi] == "..")
            {
                throw cannot;
            }

            if (b0 == b.Length)
            {
                return t[t0..];
            }

            // Elements of the base remain: climb out of each before descending into the target.
            var ups = b[b0..].Count(ch => ch == Separator) + 1;
            var r = string.Join(Separator, Enumerable.Repeat("..", ups));
            return t0 != t.Length ? r + Separator + t[t0..] : r;
        }

        private bool SameWord(string a, string b) =>
            string.Equals(a, b, Name == "windows" ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

        public string FromSlash(string p) => Separator == '/' ? p : p.Replace('/', Separator);

        public string ToSlash(string p) => Separator == '/' ? p : p.Replace(Separator, '/');

        public bool IsAbs(string p)
        {
            switch (Name)
            {
                case "windows":
                    {
                        var l = VolumeLen(p);
                        if (l == 0)
                        {
                            return false;
                        }

                        var rest = p[l..];
                        return rest.Length > 0 && IsSep(rest[0]);
                    }

                case "plan9":
                    return p.StartsWith('/') || p.StartsWith('#');
                default:
                    return p.StartsWith('/');
            }
        }

        public string Clean(string original)
        {
            var volLen = VolumeLen(original);
            var path = original[volLen..];
            if (path.Length == 0)
            {
                if (volLen > 1 && original[1] != ':')
                {
                    return FromSlash(original);
                }

                return original + ".";
            }

            var rooted = IsSep(path[0]);
            var n = path.Length;
            var buf = new StringBuilder();
            int r = 0, dotdot = 0;
            if (rooted)
            {
                buf.Append(Separator);
                r = 1;
                dotdot = 1;
            }

            while (r < n)
            {
                if (IsSep(path[r]))
                {
                    r++;
                }
                else if (path[r] == '.' && (r + 1 == n || IsSep(path[r + 1])))
                {
                    r++;
                }
                else if (path[r] == '.' && r + 1 < n && path[r + 1] == '.' && (r + 2 == n || IsSep(path[r + 2])))
                {
                    r += 2;
                    if (buf.Length > dotdot)
                    {
                        var w = buf.Length - 1;
                        while (w > dotdot && !IsSep(buf[w]))
                        {
                            w--;
                        }

                        buf.Length = w;
                    }
                    else if (!rooted)
                    {
                        if (buf.Length > 0)
                        {
                            buf.Append(Separator);
                        }

                        buf.Append("..");
                        dotdot = buf.Length;
                    }
                }
                else
                {
                    if ((rooted && buf.Length != 1) || (!rooted && buf.Length != 0))
                    {
                        buf.Append(Separator);
                    }

                    for (; r < n && !IsSep(path[r]); r++)
                    {
                        buf.Append(path[r]);
                    }
                }
            }

            if (buf.Length == 0)
            {
                buf.Append('.');
            }

            return FromSlash(original[..volLen] + buf);
        }

        public string Join(List<string> elems)
        {
            var i = 0;
            while (i < elems.Count && elems[i].Length == 0)
            {
                i++;
            }

            if (i == elems.Count)
            {
                return "";
            }

            var rest = elems.Skip(i).ToList();
            if (Name != "windows")
            {
                return Clean(string.Join(Separator, rest.Where(e => e.Length > 0)));
            }

            if (rest[0].Length == 2 && rest[0][1] == ':')
            {
                var k = 1;
                while (k < rest.Count && rest[k].Length == 0)
                {
                    k++;
                }

                return Clean(rest[0] + string.Join(Separator, rest.Skip(k)));
            }

            var p = Clean(string.Join(Separator, rest));
            if (VolumeLen(p) <= 2)
            {
                return p;
            }

            var head = Clean(rest[0]);
            if (VolumeLen(head) > 2)
            {
                return p;
            }

            var tail = Clean(string.Join(Separator, rest.Skip(1)));
            return head[^1] == Separator ? head + tail : head + Separator + tail;
        }

        public (string Dir, string File) Split(string p)
        {
            var vol = VolumeLen(p);
            var i = p.Length - 1;
            while (i >= vol && !IsSep(p[i]))
            {
                i--;
            }

            return (p[..(i + 1)], p[(i + 1)..]);
        }

        public string Ext(string p)
        {
            for (var i = p.Length - 1; i >= 0 && !IsSep(p[i]); i--)
            {
                if (p[i] == '.')
                {
                    return p[i..];
                }
            }

            return "";
        }

        public List<string> SplitList(string p)
        {
            if (p.Length == 0)
            {
                return [];
            }

            switch (Name)
            {
                case "plan9":
                    return [.. p.Split('\0')];
                case "windows":
                    {
                        var list = new List<string>();
                        var start = 0;
                        var quoted = false;
                        for (var i = 0; i < p.Length; i++)
                        {
                            if (p[i] == '"')
                            {
                                quoted = !quoted;
                            }
                            else if (p[i] == ';' && !quoted)
                            {
                                list.Add(p[start..i]);
                                start = i + 1;
                            }
                        }

                        list.Add(p[start..]);
                        return list.Select(s => s.Replace("\"", "", StringComparison.Ordinal)).ToList();
                    }

                default:
                    return [.. p.Split(':')];
            }
        }
    }

    private static Os GetOs(BuiltinCall c, int i)
    {
        if (c.Args.Count <= i)
        {
            return new Os("unix", '/');
        }

        return c.Str(i) switch
        {
            "unix" or "darwin" or "linux" or "freebsd" or "netbsd" or "openbsd" or "solaris" or "android" or "aix" or "dragonfly" or "illumos" or "ios" or "js" => new Os("unix", '/'),
            "windows" => new Os("windows", '\\'),
            "plan9" => new Os("plan9", '/'),
            var o => throw new BuiltinException($"unsupported OS {CueText.Quote(o)}"),
        };
    }

    private const Kind S = Kind.String;

    public static PackageValue Create() => new PackageBuilder("path")
        .Const("Unix", Str("unix")).Const("Windows", Str("windows")).Const("Plan9", Str("plan9"))
        .Fn("Join", [Kind.List, S], S, c => Str(GetOs(c, 1).Join(c.ListValues(0).Select(v => v is StringValue s ? s.S : throw new BuiltinException("path elements must be strings")).ToList())), variadic: true)
        .Fn("Clean", [S, S], S, c => Str(GetOs(c, 1).Clean(c.Str(0))), variadic: true)
        .Fn("ToSlash", [S, S], S, c => Str(GetOs(c, 1).ToSlash(c.Str(0))), variadic: true)
        .Fn("FromSlash", [S, S], S, c => Str(GetOs(c, 1).FromSlash(c.Str(0))), variadic: true)
        .Fn("Ext", [S, S], S, c => Str(GetOs(c, 1).Ext(c.Str(0))), variadic: true)
        .Fn("IsAbs", [S, S], Kind.Bool, c => Bool(GetOs(c, 1).IsAbs(c.Str(0))), variadic: true)
        .Fn("VolumeName", [S, S], S, c => Str(c.Str(0)[..GetOs(c, 1).VolumeLen(c.Str(0))]), variadic: true)
        .Fn("Split", [S, S], Kind.List, c =>
        {
            var (dir, file) = GetOs(c, 1).Split(c.Str(0));
            return c.Ev.MakeList([Str(dir), Str(file)]);
        }, variadic: true)
        .Fn("Rel", [S, S, S], S, c => Str(GetOs(c, 2).Rel(c.Str(0), c.Str(1))), variadic: true)
        .Fn("SplitList", [S, S], Kind.List, c => c.Ev.MakeList(GetOs(c, 1).SplitList(c.Str(0)).Select(Str).ToList()))
        .Fn("Resolve", [S, S, S], S, c =>
        {
            var os = GetOs(c, 2);
            var sub = c.Str(1);
            return Str(os.IsAbs(sub) ? os.Clean(sub) : os.Join([c.Str(0), sub]));
        }, variadic: true)
        .Fn("Base", [S, S], S, c =>
        {
            var os = GetOs(c, 1);
            var p = c.Str(0);
            if (p.Length == 0)
            {
                return Str(".");
            }

            while (p.Length > 0 && os.IsSep(p[^1]))
            {
                p = p[..^1];
            }

            p = p[os.VolumeLen(p)..];
            var i = p.Length - 1;
            while (i >= 0 && !os.IsSep(p[i]))
            {
                i--;
            }

            p = p[(i + 1)..];
            return Str(p.Length == 0 ? os.Separator.ToString() : p);
        }, variadic: true)
        .Fn("Dir", [S, S], S, c =>
        {
            var os = GetOs(c, 1);
            var p = c.Str(0);
            var vol = os.VolumeLen(p);
            var i = p.Length - 1;
            while (i >= vol && !os.IsSep(p[i]))
            {
                i--;
            }

            var dir = os.Clean(p[vol..(i + 1)]);
            return Str(dir == "." && vol > 2 ? p[..vol] : p[..vol] + dir);
        }, variadic: true)
        .Build();
}
