using System.Numerics;
using System.Text;

using Dagger.Runtime.Cue.Syntax;

namespace Dagger.Runtime.Cue.Core;

/// <summary>The values of CUE's predeclared identifiers.</summary>
internal static class Predeclared
{
    private static readonly Dictionary<string, Value> Values = Build();

    public static Value Get(string name) => Values.TryGetValue(name, out var v) ? v : Bottom.Error($"unknown identifier {name}");

    private static ConstraintValue Range(Kind k, BigInteger lo, BigInteger? hi)
    {
        var bounds = new List<Value> { new BoundValue(Tok.Geq, NumValue.Int(lo)) };
        if (hi is { } h)
        {
            bounds.Add(new BoundValue(Tok.Leq, NumValue.Int(h)));
        }

        return new ConstraintValue(k, bounds);
    }

    private static Dictionary<string, Value> Build()
    {
        var d = new Dictionary<string, Value>(StringComparer.Ordinal)
        {
            ["_"] = TopValue.Instance,
            ["string"] = new ConstraintValue(Kind.String, []),
            ["bytes"] = new ConstraintValue(Kind.Bytes, []),
            ["bool"] = new ConstraintValue(Kind.Bool, []),
            ["int"] = new ConstraintValue(Kind.Int, []),
            ["float"] = new ConstraintValue(Kind.Float, []),
            ["number"] = new ConstraintValue(Kind.Number, []),
            ["uint"] = Range(Kind.Int, 0, null),
            ["rune"] = Range(Kind.Int, 0, 0x10FFFF),
        };
        foreach (var bits in new[] { 8, 16, 32, 64, 128 })
        {
            d["int" + bits] = Range(Kind.Int, -BigInteger.Pow(2, bits - 1), BigInteger.Pow(2, bits - 1) - 1);
            d["uint" + bits] = Range(Kind.Int, 0, BigInteger.Pow(2, bits) - 1);
        }

        d["float32"] = new ConstraintValue(Kind.Number, [
            new BoundValue(Tok.Geq, new NumValue(CueDecimal.ParseDecimalText("-3.40282346638528859811704183484516925440e+38"), false)),
            new BoundValue(Tok.Leq, new NumValue(CueDecimal.ParseDecimalText("3.40282346638528859811704183484516925440e+38"), false))]);
        d["float64"] = new ConstraintValue(Kind.Number, [
            new BoundValue(Tok.Geq, new NumValue(CueDecimal.ParseDecimalText("-1.797693134862315708145274237317043567981e+308"), false)),
            new BoundValue(Tok.Leq, new NumValue(CueDecimal.ParseDecimalText("1.797693134862315708145274237317043567981e+308"), false))]);
        d["len"] = new BuiltinValue(new Builtin { Name = "len", Params = [Kind.Top], Result = Kind.Int, Impl = Len });
        d["close"] = new BuiltinValue(new Builtin { Name = "close", Params = [Kind.Struct], Impl = _ => TopValue.Instance });
        d["and"] = new BuiltinValue(new Builtin { Name = "and", Params = [Kind.List], Impl = _ => TopValue.Instance });
        d["or"] = new BuiltinValue(new Builtin { Name = "or", Params = [Kind.List], Impl = _ => TopValue.Instance });
        foreach (var (name, op) in new[] { ("div", BinOp.IntDiv), ("mod", BinOp.IntMod), ("quo", BinOp.IntQuo), ("rem", BinOp.IntRem) })
        {
            d[name] = new BuiltinValue(new Builtin
            {
                Name = name,
                Params = [Kind.Int, Kind.Int],
                Result = Kind.Int,
                Impl = c =>
                {
                    var a = c.Int(0);
                    var b = c.Int(1);
                    if (b.IsZero)
                    {
                        throw new BuiltinException("division by zero");
                    }

                    return NumValue.Int(Evaluator.IntOp(op, a, b));
                },
            });
        }

        return d;
    }

    private static NumValue Len(BuiltinCall c)
    {
        var v = c.Arg(0);
        switch (v)
        {
            case StringValue s:
                return NumValue.Int(Encoding.UTF8.GetByteCount(s.S));
            case BytesValue b:
                return NumValue.Int(b.B.Length);
            case Vertex { IsList: true } l:
                return NumValue.Int(l.Elems.Count);
            case Vertex { IsStruct: true, PendingError: { IsIncomplete: true } waiting }:
                // A comprehension of the struct has not run yet: its fields are not all known.
                throw new BuiltinException(waiting.Message, true) { Cause = waiting };
            case Vertex { IsStruct: true } st:
                return NumValue.Int(st.Arcs.Count(a => Labels.IsRegular(a.Label)));
            default:
                if (!v.IsConcrete && v is not Vertex)
                {
                    throw new BuiltinException($"non-concrete value {v} for argument to len", true);
                }

                throw new BuiltinException($"cannot use {Evaluator.Describe(v)} (type {KindNames.Name(v.Kind)}) as (string|bytes|list|struct) in argument 1 to len") { Argument = 0 };
        }
    }
}
