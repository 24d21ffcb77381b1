using System.Numerics;
using System.Text;

namespace Dagger.Runtime.Cue.Builtins.Template;

/// <summary>
/// The predefined functions of Go's text/template as CUE v0.4's Go release had them: their signatures (which
/// decide argument checks and conversions) and their behaviour and error texts. <c>and</c> and <c>or</c>
/// evaluate every argument (short-circuiting came later in Go).
/// </summary>
internal static class Functions
{
    /// <summary>How an argument reaches a function: as interface{}, as a reflect.Value, or as a string.</summary>
    public enum Param
    {
        Interface,
        Value,
        String,
    }

    /// <summary>A function's parameters; the last one repeats when <paramref name="Variadic"/>.</summary>
    public sealed record Signature(Param[] Params, bool Variadic);

    private static readonly Dictionary<string, Signature> Signatures = new(StringComparer.Ordinal)
    {
        ["and"] = new([Param.Interface, Param.Interface], true),
        ["or"] = new([Param.Interface, Param.Interface], true),
        ["not"] = new([Param.Interface], false),
        ["call"] = new([Param.Value, Param.Value], true),
        ["html"] = new([Param.Interface], true),
        ["js"] = new([Param.Interface], true),
        ["urlquery"] = new([Param.Interface], true),
        ["print"] = new([Param.Interface], true),
        ["println"] = new([Param.Interface], true),
        ["printf"] = new([Param.String, Param.Interface], true),
        ["index"] = new([Param.Value, Param.Value], true),
        ["slice"] = new([Param.Value, Param.Value], true),
        ["len"] = new([Param.Value], false),
        ["eq"] = new([Param.Value, Param.Value], true),
        ["ne"] = new([Param.Value, Param.Value], false),
        ["lt"] = new([Param.Value, Param.Value], false),
        ["le"] = new([Param.Value, Param.Value], false),
        ["gt"] = new([Param.Value, Param.Value], false),
        ["ge"] = new([Param.Value, Param.Value], false),
    };

    public static bool IsDefined(string name) => Signatures.ContainsKey(name);

    public static Signature SignatureOf(string name) => Signatures[name];

    /// <summary>Runs a function: its result, or the error Go's function returns (reported as "error calling").</summary>
    public static (GoValue Result, string? Error) Call(string name, IReadOnlyList<GoValue> args) => name switch
    {
        "and" => (GoValue.InInterface(AndOr(args, stopWhen: false)), null),
        "or" => (GoValue.InInterface(AndOr(args, stopWhen: true)), null),
        "not" => (GoValue.Of(!GoValues.IsTrue(GoValue.Of(Iface(args[0])))), null),
        "call" => (GoValue.Missing, Indirect(args[0]).Valid ? $"non-function of type {GoValues.TypeName(Indirect(args[0]).Value)}" : "call of nil"),
        "html" => (GoValue.Of(Escapes.Html(EvalArgs(args))), null),
        "js" => (GoValue.Of(Escapes.JavaScript(EvalArgs(args))), null),
        "urlquery" => (GoValue.Of(QueryEscape(EvalArgs(args))), null),
        "print" => (GoValue.Of(GoFormat.Sprint(args.Select(Iface).ToList())), null),
        "println" => (GoValue.Of(GoFormat.Sprintln(args.Select(Iface).ToList())), null),
        "printf" => (GoValue.Of(GoFormat.Sprintf((string)args[0].Value!, args.Skip(1).Select(Iface).ToList())), null),
        "index" => Index(args[0], args.Skip(1).ToList()),
        "slice" => Slice(args[0], args.Skip(1).ToList()),
        "len" => Length(args[0]),
        "eq" => Wrap(Eq(args[0], args.Skip(1).ToList())),
        "ne" => Wrap(Eq(args[0], [args[1]]), negate: true),
        "lt" => Wrap(Lt(args[0], args[1])),
        "le" => Wrap(Le(args[0], args[1])),
        "gt" => Wrap(Le(args[0], args[1]), negate: true),
        "ge" => Wrap(Lt(args[0], args[1]), negate: true),
        _ => (GoValue.Missing, $"function {name} not implemented"),
    };

    // What a function declared with an interface{} parameter receives.
    private static object? Iface(GoValue v) => v.Valid ? v.Value : null;

    // Go's indirectInterface: the value inside an interface; a nil interface is no value.
    private static GoValue Indirect(GoValue v) => v.Unboxed;

    private static (GoValue, string?) Wrap((bool Truth, string? Error) r, bool negate = false) =>
        r.Error is null ? (GoValue.Of(r.Truth != negate), null) : (GoValue.Missing, r.Error);

    private static object? AndOr(IReadOnlyList<GoValue> args, bool stopWhen)
    {
        var result = Iface(args[0]);
        if (GoValues.IsTrue(GoValue.Of(result)) == stopWhen)
        {
            return result;
        }

        for (var i = 1; i < args.Count; i++)
        {
            result = Iface(args[i]);
            if (GoValues.IsTrue(GoValue.Of(result)) == stopWhen)
            {
                break;
            }
        }

        return result;
    }

    private static string EvalArgs(IReadOnlyList<GoValue> args) =>
        args.Count == 1 && Iface(args[0]) is string s ? s : GoFormat.Sprint(args.Select(Iface).ToList());

    // Go's url.QueryEscape.
    private static string QueryEscape(string s)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                sb.Append(c);
            }
            else if (c == ' ')
            {
                sb.Append('+');
            }
            else
            {
                sb.Append('%').Append(((int)b).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    private static (long Index, string? Error) IndexArg(GoValue index, int cap)
    {
        long x;
        switch (index.Value)
        {
            case long l when index.Valid:
                x = l;
                break;
            case byte b when index.Valid:
                x = b;
                break;
            default:
                return (0, index.Valid ? $"cannot index slice/array with type {GoValues.TypeName(index.Value)}" : "cannot index slice/array with nil");
        }

        return x < 0 || x > cap ? (0, $"index out of range: {Lexer.Invariant((int)Math.Clamp(x, int.MinValue, int.MaxValue))}") : (x, null);
    }

    private static (GoValue, string?) Index(GoValue item, List<GoValue> indexes)
    {
        var v = Indirect(item);
        if (!v.Valid)
        {
            return (GoValue.Missing, "index of untyped nil");
        }

        foreach (var raw in indexes)
        {
            var index = Indirect(raw);
            if (v.IsNilInterface)
            {
                return (GoValue.Missing, "index of nil pointer");
            }

            v = v.Unboxed;
            switch (v.Value)
            {
                case GoList or byte[] or string:
                    {
                        var len = v.Value switch
                        {
                            GoList l => l.Items.Count,
                            byte[] b => b.Length,
                            _ => Encoding.UTF8.GetByteCount((string)v.Value),
                        };
                        var (x, err) = IndexArg(index, len);
                        if (err is not null)
                        {
                            return (GoValue.Missing, err);
                        }

                        if (x == len)
                        {
                            return (GoValue.Missing, v.Value is string ? "reflect: string index out of range" : "reflect: slice index out of range");
                        }

                        v = v.Value switch
                        {
                            GoList l => GoValue.InInterface(l.Items[(int)x]),
                            byte[] b => GoValue.Of(b[x]),
                            _ => GoValue.Of(Encoding.UTF8.GetBytes((string)v.Value)[x]),
                        };
                        break;
                    }

                case GoMap m:
                    {
                        if (!index.Valid)
                        {
                            return (GoValue.Missing, "value is nil; should be of type string");
                        }

                        if (index.Value is not string key)
                        {
                            return (GoValue.Missing, $"value has type {GoValues.TypeName(index.Value)}; should be string");
                        }

                        v = GoValue.InInterface(m.TryGet(key, out var found) ? found : null);
                        break;
                    }

                default:
                    return (GoValue.Missing, $"can't index item of type {GoValues.TypeName(v.Value)}");
            }
        }

        return (v, null);
    }

    private static (GoValue, string?) Slice(GoValue item, List<GoValue> indexes)
    {
        var v = Indirect(item);
        if (!v.Valid)
        {
            return (GoValue.Missing, "slice of untyped nil");
        }

        if (indexes.Count > 3)
        {
            return (GoValue.Missing, $"too many slice indexes: {Lexer.Invariant(indexes.Count)}");
        }

        int cap, len;
        switch (v.Value)
        {
            case string s:
                if (indexes.Count == 3)
                {
                    return (GoValue.Missing, "cannot 3-index slice a string");
                }

                cap = len = Encoding.UTF8.GetByteCount(s);
                break;
            case GoList l:
                cap = l.Cap;
                len = l.Items.Count;
                break;
            case byte[] b:
                cap = len = b.Length;
                break;
            default:
                return (GoValue.Missing, $"can't slice item of type {GoValues.TypeName(v.Value)}");
        }

        var idx = new long[] { 0, len, 0 };
        for (var i = 0; i < indexes.Count; i++)
        {
            var (x, err) = IndexArg(Indirect(indexes[i]), cap);
            if (err is not null)
            {
                return (GoValue.Missing, err);
            }

            idx[i] = x;
        }

        if (idx[0] > idx[1])
        {
            return (GoValue.Missing, $"invalid slice index: {Lexer.Invariant((int)idx[0])} > {Lexer.Invariant((int)idx[1])}");
        }

        if (indexes.Count == 3 && idx[1] > idx[2])
        {
            return (GoValue.Missing, $"invalid slice index: {Lexer.Invariant((int)idx[1])} > {Lexer.Invariant((int)idx[2])}");
        }

        int lo = (int)idx[0], hi = (int)idx[1];
        var newCap = (indexes.Count == 3 ? (int)idx[2] : cap) - lo;
        return v.Value switch
        {
            string s => (GoValue.Of(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s)[lo..hi])), null),
            byte[] b => (GoValue.Of(b[lo..hi]), null),
            GoList l => (GoValue.Of(new GoList(Enumerable.Range(lo, hi - lo).Select(k => k < l.Items.Count ? l.Items[k] : null).ToList(), newCap)), null),
            _ => (GoValue.Missing, null),
        };
    }

    private static (GoValue, string?) Length(GoValue item)
    {
        if (item.IsNilInterface)
        {
            return (GoValue.Missing, "len of nil pointer");
        }

        var v = Indirect(item);
        if (!v.Valid)
        {
            return (GoValue.Missing, "reflect: call of reflect.Value.Type on zero Value");
        }

        return v.Value switch
        {
            string s => (GoValue.Of((long)Encoding.UTF8.GetByteCount(s)), null),
            GoList l => (GoValue.Of((long)l.Items.Count), null),
            GoMap m => (GoValue.Of((long)m.Count), null),
            byte[] b => (GoValue.Of((long)b.Length), null),
            _ => (GoValue.Missing, $"len of type {GoValues.TypeName(v.Value)}"),
        };
    }

    private enum BasicKind
    {
        Invalid,
        Bool,
        Complex,
        Int,
        Float,
        String,
        Uint,
    }

    private const string BadComparisonType = "invalid type for comparison";
    private const string BadComparison = "incompatible types for comparison";

    private static BasicKind KindOf(GoValue v) => !v.Valid ? BasicKind.Invalid : v.Value switch
    {
        bool => BasicKind.Bool,
        Complex => BasicKind.Complex,
        long => BasicKind.Int,
        double => BasicKind.Float,
        string => BasicKind.String,
        byte => BasicKind.Uint,
        _ => BasicKind.Invalid,
    };

    private static bool Comparable(object? v) => v is not (GoList or GoMap or byte[]);

    private static long AsInt(GoValue v) => (long)v.Value!;

    private static ulong AsUint(GoValue v) => (byte)v.Value!;

    private static (bool, string?) Eq(GoValue arg1, List<GoValue> rest)
    {
        var a1 = Indirect(arg1);
        if (a1.Valid && !Comparable(a1.Value))
        {
            return (false, $"uncomparable type {GoValues.TypeName(a1.Value)}: {GoFormat.Sprint([a1.Value])}");
        }

        if (rest.Count == 0)
        {
            return (false, "missing argument for comparison");
        }

        var k1 = KindOf(a1);
        foreach (var raw in rest)
        {
            var a = Indirect(raw);
            var k2 = KindOf(a);
            bool truth;
            if (k1 != k2)
            {
                if (k1 == BasicKind.Int && k2 == BasicKind.Uint)
                {
                    truth = AsInt(a1) >= 0 && (ulong)AsInt(a1) == AsUint(a);
                }
                else if (k1 == BasicKind.Uint && k2 == BasicKind.Int)
                {
                    truth = AsInt(a) >= 0 && AsUint(a1) == (ulong)AsInt(a);
                }
                else
                {
                    return (false, BadComparison);
                }
            }
            else if (k1 == BasicKind.Invalid)
            {
                if (!a.Valid)
                {
                    truth = !a1.Valid;
                }
                else if (!Comparable(a.Value))
                {
                    return (false, $"uncomparable type {GoValues.TypeName(a.Value)}: {GoFormat.Sprint([a.Value])}");
                }
                else if (!a1.Valid)
                {
                    return (false, "reflect: call of reflect.Value.Interface on zero Value");
                }
                else
                {
                    truth = ReferenceEquals(a1.Value, a.Value);
                }
            }
            else
            {
                truth = k1 == BasicKind.String ? (string)a1.Value! == (string)a.Value! : Equals(a1.Value, a.Value);
            }

            if (truth)
            {
                return (true, null);
            }
        }

        return (false, null);
    }

    private static (bool, string?) Lt(GoValue arg1, GoValue arg2)
    {
        var a1 = Indirect(arg1);
        var k1 = KindOf(a1);
        if (k1 == BasicKind.Invalid)
        {
            return (false, BadComparisonType);
        }

        var a2 = Indirect(arg2);
        var k2 = KindOf(a2);
        if (k2 == BasicKind.Invalid)
        {
            return (false, BadComparisonType);
        }

        if (k1 != k2)
        {
            if (k1 == BasicKind.Int && k2 == BasicKind.Uint)
            {
                return (AsInt(a1) < 0 || (ulong)AsInt(a1) < AsUint(a2), null);
            }

            if (k1 == BasicKind.Uint && k2 == BasicKind.Int)
            {
                return (AsInt(a2) >= 0 && AsUint(a1) < (ulong)AsInt(a2), null);
            }

            return (false, BadComparison);
        }

        return k1 switch
        {
            BasicKind.Bool or BasicKind.Complex => (false, BadComparisonType),
            BasicKind.Float => ((double)a1.Value! < (double)a2.Value!, null),
            BasicKind.Int => (AsInt(a1) < AsInt(a2), null),
            BasicKind.String => (Utf8Order.Instance.Compare((string)a1.Value!, (string)a2.Value!) < 0, null),
            _ => (AsUint(a1) < AsUint(a2), null),
        };
    }

    private static (bool, string?) Le(GoValue arg1, GoValue arg2)
    {
        var (less, err) = Lt(arg1, arg2);
        return less || err is not null ? (less, err) : Eq(arg1, [arg2]);
    }
}
