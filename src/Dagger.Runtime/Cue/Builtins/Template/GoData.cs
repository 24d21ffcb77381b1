using System.Numerics;

using Dagger.Runtime.Cue.Core;

namespace Dagger.Runtime.Cue.Builtins.Template;

/// <summary>
/// Turns the CUE value given to <c>template.Execute</c> into the Go data CUE v0.4 hands the template: structs
/// become map[string]interface{} (regular fields only), lists []interface{}, ints int or *big.Int, floats
/// float64, bytes []uint8. Values that are not concrete fail as incomplete, like CUE's decoding.
/// </summary>
internal static class GoData
{
    public static object? Decode(Evaluator ev, Value v)
    {
        if (v is Vertex vx)
        {
            ev.Finalize(vx);
        }

        var d = ev.Deref(v);
        if (d is Vertex dx)
        {
            ev.Finalize(dx);
        }

        switch (d)
        {
            case Bottom b:
                throw new BuiltinException(b.Message, b.IsIncomplete);
            case Vertex { IsList: true } l:
                {
                    var items = l.Elems.Select(e => Decode(ev, e)).ToList();
                    return new GoList(items, GoValues.Capacity(items.Count));
                }

            case Vertex s when s.IsStruct || d.IsConcrete:
                if (s.PendingError is { } pe)
                {
                    throw new BuiltinException(pe.Message, pe.IsIncomplete);
                }

                return new GoMap(ExportOrder.Arcs(s)
                    .Where(a => Labels.IsString(a.Label))
                    .Select(a => new KeyValuePair<string, object?>(ev.Names.Name(a.Label), Decode(ev, a))));
            case NullValue:
                return null;
            case BoolValue b:
                return b.B;
            case StringValue s:
                return s.S;
            case BytesValue b:
                return b.B;
            case NumValue n when n.IsInt:
                {
                    var i = n.D.ToBigInteger();
                    return i >= long.MinValue && i <= long.MaxValue ? (long)i : new GoBigInt(i);
                }

            case NumValue n:
                {
                    // CUE's conversion to float64 reports any result of zero, even an exact 0.0, as rounded down.
                    var f = n.D.ToDouble();
                    if (double.IsPositiveInfinity(f))
                    {
                        throw new BuiltinException("value was rounded up");
                    }

                    if (f == 0 || double.IsNegativeInfinity(f))
                    {
                        throw new BuiltinException("value was rounded down");
                    }

                    return f;
                }

            default:
                throw new BuiltinException($"cannot convert non-concrete value {d}", true);
        }
    }
}
