using System.Numerics;


namespace Dagger.Runtime.Cue.Core;

/// <summary>The arguments of one builtin call, with typed accessors that make them concrete.</summary>
internal sealed class BuiltinCall(Evaluator ev, Builtin fn, IReadOnlyList<Value> args)
{
    public Evaluator Ev { get; } = ev;

    public Builtin Fn { get; } = fn;

    public IReadOnlyList<Value> Args { get; } = args;

    public Value Arg(int i)
    {
        var v = Ev.Deref(Args[i]);
        if (v is Bottom b)
        {
            throw new BuiltinException(b.Message, b.IsIncomplete) { Cause = b.IsIncomplete ? null : b };
        }

        return v;
    }

    private Value Concrete(int i, Kind want)
    {
        var v = Arg(i);
        if (v is Vertex vx)
        {
            if ((vx.KindOfValue() & want) == 0)
            {
                throw Mismatch(i, v, want);
            }

            return v;
        }

        if (!v.IsConcrete)
        {
            if ((v.Kind & want) == 0)
            {
                throw Mismatch(i, v, want);
            }

            throw new BuiltinException($"non-concrete argument {i}: {v}", true);
        }

        if ((v.Kind & want) == 0)
        {
            throw Mismatch(i, v, want);
        }

        return v;
    }

    private BuiltinException Mismatch(int i, Value v, Kind want) =>
        new($"cannot use {Evaluator.Describe(v)} (type {KindNames.Name(v.Kind)}) as {KindNames.Name(want)} in argument {i + 1} to {Fn.Name}") { Argument = i };

    public string Str(int i) => ((StringValue)Concrete(i, Kind.String)).S;

    public byte[] Bytes(int i) => Concrete(i, Kind.String | Kind.Bytes) switch
    {
        BytesValue b => b.B,
        StringValue s => System.Text.Encoding.UTF8.GetBytes(s.S),
        _ => [],
    };

    public bool Bool(int i) => ((BoolValue)Concrete(i, Kind.Bool)).B;

    public NumValue Num(int i) => (NumValue)Concrete(i, Kind.Number);

    public BigInteger Int(int i)
    {
        var n = Num(i);
        if (!n.IsInt)
        {
            throw new BuiltinException($"cannot use {n} (type float) as int in argument {i + 1} to {Fn.Name}") { Argument = i };
        }

        return n.D.ToBigInteger();
    }

    public int SmallInt(int i)
    {
        var v = Int(i);
        if (v > int.MaxValue || v < int.MinValue)
        {
            throw new BuiltinException($"argument {i + 1} to {Fn.Name} out of range");
        }

        return (int)v;
    }

    public Vertex List(int i)
    {
        var v = Concrete(i, Kind.List);
        var vx = (Vertex)v;
        return vx;
    }

    /// <summary>The elements of a list argument, each made concrete (defaults applied).</summary>
    public List<Value> ListValues(int i)
    {
        var l = List(i);
        var r = new List<Value>();
        foreach (var a in l.Elems)
        {
            var ev = Ev.Deref(a);
            if (ev is Bottom b)
            {
                throw new BuiltinException(b.Message, b.IsIncomplete);
            }

            r.Add(ev);
        }

        return r;
    }

    public Vertex Struct(int i) => (Vertex)Concrete(i, Kind.Struct);

    public bool IsNull(int i) => Arg(i) is NullValue;
}
