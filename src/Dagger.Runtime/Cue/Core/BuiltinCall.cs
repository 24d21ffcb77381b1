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

            throw new BuiltinException($"non-concrete value {v}", true) { Form = BuiltinErrorForm.Wrapped };
        }

        if ((v.Kind & want) == 0)
        {
            throw Mismatch(i, v, want);
        }

        return v;
    }

    private BuiltinException Mismatch(int i, Value v, Kind want) =>
        new($"cannot use {Ev.Show(v)} (type {KindNames.Name(v.Kind)}) as {KindNames.Name(want)} in argument {i + 1} to {Fn.Name}") { Argument = i };

    public string Str(int i) => ((StringValue)Concrete(i, Kind.String)).S;

    public byte[] Bytes(int i) => Concrete(i, Kind.String | Kind.Bytes) switch
    {
        BytesValue b => b.B,
        StringValue s => System.Text.Encoding.UTF8.GetBytes(s.S),
        _ => [],
    };

    public bool Bool(int i) => ((BoolValue)Concrete(i, Kind.Bool)).B;

    public NumValue Num(int i) => (NumValue)Concrete(i, Kind.Number);

    public BigInteger Int(int i) => ((NumValue)Concrete(i, Kind.Int)).D.ToBigInteger();

    /// <summary>An argument of Go type <c>int</c>, which v0.4 converts to int64 before the call.</summary>
    public int SmallInt(int i)
    {
        var v = Int(i);
        if (v > long.MaxValue || v < long.MinValue)
        {
            throw new BuiltinException($"int {v} overflows int64 in argument {i} in call to {Fn.Name}") { Form = BuiltinErrorForm.AsIs };
        }

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

    /// <summary>
    /// The elements of a list argument that v0.4 converts to a Go slice of numbers or strings (its DecimalList and
    /// StringList): the first element of another kind, or not concrete yet, fails the call, reported at the call
    /// and at the element.
    /// </summary>
    public List<Value> ListOf(int i, Kind want)
    {
        var elems = List(i).Elems;
        var r = new List<Value>(elems.Count);
        for (var j = 0; j < elems.Count; j++)
        {
            var e = Ev.Deref(elems[j]);
            if (e is Bottom b)
            {
                throw new BuiltinException(b.Message, b.IsIncomplete);
            }

            if ((e.Kind & want) == 0)
            {
                throw new BuiltinException($"invalid list element {j} in argument {i} to call: cannot use value {Ev.Show(e)} ({KindNames.Name(e.Kind)}) as {KindNames.Name(want)}")
                {
                    Form = BuiltinErrorForm.AsIs,
                    Positions = [Evaluator.ElementPos(elems[j])],
                };
            }

            if (!e.IsConcrete)
            {
                throw new BuiltinException($"non-concrete value {e} for element {j} of {KindNames.Name(want)} list argument {i}", true)
                {
                    Form = BuiltinErrorForm.AsIs,
                    Positions = [Evaluator.ElementPos(elems[j])],
                };
            }

            r.Add(e);
        }

        return r;
    }

    public Vertex Struct(int i) => (Vertex)Concrete(i, Kind.Struct);

    public bool IsNull(int i) => Arg(i) is NullValue;
}
