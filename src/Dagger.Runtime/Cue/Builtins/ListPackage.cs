using System.Numerics;

using Dagger.Runtime.Cue.Core;

using static Dagger.Runtime.Cue.Builtins.PackageBuilder;

namespace Dagger.Runtime.Cue.Builtins;

/// <summary>The <c>list</c> package.</summary>
internal static class ListPackage
{
    private const Kind L = Kind.List;
    private const Kind I = Kind.Int;
    private const Kind N = Kind.Number;

    private const string Source = """
        Comparer: {T: _, x: T, y: T, less: bool}
        Ascending: {T: number | string, x: T, y: T, less: x < y}
        Descending: {T: number | string, x: T, y: T, less: x > y}
        """;

    private static List<Value> Elements(BuiltinCall c, int i) => c.List(i).Elems.Select(a => (Value)a).ToList();

    private static Vertex Flatten(BuiltinCall c, Value l, int depth)
    {
        var r = new List<Value>();
        void Add(Vertex list, int d)
        {
            foreach (var a in list.Elems)
            {
                var e = c.Ev.Deref(a);
                if (e is Bottom b)
                {
                    throw new BuiltinException(b.Message, b.IsIncomplete);
                }

                if (d != 0 && e is Vertex { IsList: true } inner)
                {
                    Add(inner, d - 1);
                }
                else
                {
                    r.Add(a);
                }
            }
        }

        Add((Vertex)l, depth);
        return c.Ev.MakeList(r);
    }

    private static List<NumValue> Nums(BuiltinCall c, int i) => c.ListOf(i, Kind.Number).Cast<NumValue>().ToList();

    // The error of v0.4's conversion of a value to a list, which is at the value only when it is a scalar.
    private static BuiltinException NotAList(BuiltinCall c, Value v, int argument, Vertex? element)
    {
        var scalar = v.IsConcrete && v is not Vertex;
        return new BuiltinException($"cannot use value {c.Ev.Show(v)} (type {KindNames.Name(v.Kind)}) as list")
        {
            Form = BuiltinErrorForm.Wrapped,
            Argument = scalar ? argument : -1,
            Positions = scalar && element is not null ? [Evaluator.ElementPos(element)] : [],
        };
    }

    private static bool Less(BuiltinCall c, Value cmp, Value a, Value b)
    {
        var x = c.Ev.MakeStruct([("x", a), ("y", b)]);
        var u = c.Ev.Unify([cmp, x]);
        var less = u.Lookup(c.Ev.Names.String("less"));
        var lv = less is null ? Bottom.Error("comparer has no field less") : c.Ev.Deref(less);
        return lv switch
        {
            BoolValue bv => bv.B,
            Bottom bt => throw new BuiltinException(bt.Message, bt.IsIncomplete),
            _ => throw new BuiltinException($"less must be a bool, found {lv}", !lv.IsConcrete),
        };
    }

    private static List<Value> Sort(BuiltinCall c, List<Value> items, Value cmp)
    {
        // A stable merge sort: only the comparer's "less" decides.
        if (items.Count <= 1)
        {
            return items;
        }

        var mid = items.Count / 2;
        var left = Sort(c, items[..mid], cmp);
        var right = Sort(c, items[mid..], cmp);
        var r = new List<Value>(items.Count);
        int i = 0, j = 0;
        while (i < left.Count && j < right.Count)
        {
            if (Less(c, cmp, right[j], left[i]))
            {
                r.Add(right[j++]);
            }
            else
            {
                r.Add(left[i++]);
            }
        }

        r.AddRange(left.Skip(i));
        r.AddRange(right.Skip(j));
        return r;
    }

    private static NumValue Add(NumValue a, NumValue b) => new(a.D + b.D, a.IsInt && b.IsInt);

    // v0.4's list.Contains compares numbers with their kind: the int 1 is not in [1.0], at any depth.
    private static bool SameNumberKinds(Evaluator ev, Value a, Value b)
    {
        var x = ev.Deref(a);
        var y = ev.Deref(b);
        return (x, y) switch
        {
            (NumValue nx, NumValue ny) => nx.IsInt == ny.IsInt,
            (Vertex vx, Vertex vy) => vx.Arcs.All(arc => vy.Arcs.FirstOrDefault(o => o.Label == arc.Label) is not { } other || SameNumberKinds(ev, arc, other)),
            _ => true,
        };
    }

    public static PackageValue Create(LabelTable names)
    {
        var b = new PackageBuilder("list")
            .Fn("Drop", [L, I], L, c =>
            {
                var n = c.SmallInt(1);
                if (n < 0)
                {
                    throw new BuiltinException("negative index");
                }

                return c.Ev.MakeList(Elements(c, 0).Skip(n).ToList());
            })
            .Fn("Take", [L, I], L, c =>
            {
                var n = c.SmallInt(1);
                if (n < 0)
                {
                    throw new BuiltinException("negative index");
                }

                return c.Ev.MakeList(Elements(c, 0).Take(n).ToList());
            })
            .Fn("Slice", [L, I, I], L, c =>
            {
                var e = Elements(c, 0);
                var lo = c.SmallInt(1);
                var hi = c.SmallInt(2);
                if (lo < 0)
                {
                    throw new BuiltinException("negative index");
                }

                if (lo > hi)
                {
                    throw new BuiltinException($"invalid index: {lo} > {hi}");
                }

                if (hi > e.Count)
                {
                    throw new BuiltinException("slice bounds out of range");
                }

                return c.Ev.MakeList(e.Skip(lo).Take(hi - lo).ToList());
            })
            .Fn("Repeat", [L, I], L, c =>
            {
                var n = c.SmallInt(1);
                if (n < 0)
                {
                    throw new BuiltinException("negative count");
                }

                var e = Elements(c, 0);
                return c.Ev.MakeList(Enumerable.Repeat(e, n).SelectMany(x => x).ToList());
            })
            .Fn("Concat", [L], L, c =>
            {
                var r = new List<Value>();
                foreach (var e in c.List(0).Elems)
                {
                    var l = c.Ev.Deref(e);
                    if (l is Bottom b)
                    {
                        throw new BuiltinException(b.Message, b.IsIncomplete);
                    }

                    if (l is not Vertex { IsList: true } lv)
                    {
                        throw NotAList(c, l, -1, e);
                    }

                    r.AddRange(lv.Elems);
                }

                return c.Ev.MakeList(r);
            })
            .Fn("FlattenN", [Kind.Top, I], L, c =>
            {
                var l = c.Arg(0);
                if ((l.Kind & Kind.List) == 0)
                {
                    throw NotAList(c, l, 0, null);
                }

                return Flatten(c, c.List(0), c.SmallInt(1));
            })
            .Fn("MinItems", [L, I], Kind.Bool, c => Bool(c.List(0).Elems.Count >= c.Int(1)))
            .Fn("MaxItems", [L, I], Kind.Bool, c => Bool(c.List(0).Elems.Count <= c.Int(1)))
            .Fn("UniqueItems", [L], Kind.Bool, c =>
            {
                var e = c.ListValues(0);
                for (var i = 0; i < e.Count; i++)
                {
                    for (var j = i + 1; j < e.Count; j++)
                    {
                        if (c.Ev.Equal(e[i], e[j]))
                        {
                            return Bool(false);
                        }
                    }
                }

                return Bool(true);
            })
            .Fn("Contains", [L, Kind.Top], Kind.Bool, c =>
            {
                var x = c.Arg(1);
                return Bool(c.ListValues(0).Any(e => c.Ev.Equal(e, x) && SameNumberKinds(c.Ev, e, x)));
            })
            .Fn("Sum", [L], N, c => Nums(c, 0).Aggregate(NumValue.Int(0), Add))
            .Fn("Product", [L], N, c => Nums(c, 0).Aggregate(NumValue.Int(1), (a, x) => new NumValue(a.D * x.D, a.IsInt && x.IsInt)))
            .Fn("Avg", [L], N, c =>
            {
                var n = Nums(c, 0);
                if (n.Count == 0)
                {
                    throw new BuiltinException("empty list");
                }

                var s = n.Aggregate(NumValue.Int(0), Add);
                return new NumValue(CueDecimal.Quo(s.D, CueDecimal.FromInt(n.Count)), false);
            })
            .Fn("Max", [L], N, c =>
            {
                var n = Nums(c, 0);
                if (n.Count == 0)
                {
                    throw new BuiltinException("empty list");
                }

                return n.Aggregate((a, x) => x.D > a.D ? x : a);
            })
            .Fn("Min", [L], N, c =>
            {
                var n = Nums(c, 0);
                if (n.Count == 0)
                {
                    throw new BuiltinException("empty list");
                }

                return n.Aggregate((a, x) => x.D < a.D ? x : a);
            })
            .Fn("Range", [N, N, N], L, c =>
            {
                var start = c.Num(0);
                var limit = c.Num(1);
                var step = c.Num(2);
                if (step.D.IsZero)
                {
                    throw new BuiltinException("step must be non zero");
                }

                if (step.D.Sign > 0 && limit.D < start.D)
                {
                    throw new BuiltinException("end must be greater than start when step is positive");
                }

                if (step.D.Sign < 0 && limit.D > start.D)
                {
                    throw new BuiltinException("end must be less than start when step is negative");
                }

                var isInt = start.IsInt && limit.IsInt && step.IsInt;
                var r = new List<Value>();
                for (var x = start.D; step.D.Sign > 0 ? x < limit.D : x > limit.D; x += step.D)
                {
                    r.Add(new NumValue(x, isInt));
                    if (r.Count > 1_000_000)
                    {
                        throw new BuiltinException("range too large");
                    }
                }

                return c.Ev.MakeList(r);
            })
            .Fn("Sort", [L, Kind.Top], L, c => c.Ev.MakeList(Sort(c, c.ListValues(0), c.Args[1])))
            .Fn("SortStable", [L, Kind.Top], L, c => c.Ev.MakeList(Sort(c, c.ListValues(0), c.Args[1])))
            .Fn("SortStrings", [L], L, c =>
            {
                var s = c.ListValues(0).Select(v => v is StringValue sv ? sv.S : throw new BuiltinException("non-string element")).ToList();
                s.Sort(string.CompareOrdinal);
                return c.Ev.MakeList(s.Select(Str).ToList());
            })
            .Fn("IsSorted", [L, Kind.Top], Kind.Bool, c =>
            {
                var e = c.ListValues(0);
                for (var i = 1; i < e.Count; i++)
                {
                    if (Less(c, c.Args[1], e[i], e[i - 1]))
                    {
                        return Bool(false);
                    }
                }

                return Bool(true);
            })
            .Fn("IsSortedStrings", [L], Kind.Bool, c =>
            {
                var s = c.ListValues(0).Select(v => v is StringValue sv ? sv.S : throw new BuiltinException("non-string element")).ToList();
                for (var i = 1; i < s.Count; i++)
                {
                    if (string.CompareOrdinal(s[i - 1], s[i]) > 0)
                    {
                        return Bool(false);
                    }
                }

                return Bool(true);
            });
        foreach (var (k, v) in CueSnippet.Fields(names, "list", Source))
        {
            b.Const(k, v);
        }

        return b.Build();
    }

}
