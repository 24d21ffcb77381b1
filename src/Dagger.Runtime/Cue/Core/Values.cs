using System.Text;

using Dagger.Runtime.Cue.Syntax;

namespace Dagger.Runtime.Cue.Core;

/// <summary>A CUE value produced by evaluation.</summary>
internal abstract class Value
{
    public abstract Kind Kind { get; }

    public virtual bool IsConcrete => false;
}

internal sealed class TopValue : Value
{
    public static readonly TopValue Instance = new();

    public override Kind Kind => Kind.Top;

    public override string ToString() => "_";
}

internal sealed class NullValue : Value
{
    public static readonly NullValue Instance = new();

    public override Kind Kind => Kind.Null;

    public override bool IsConcrete => true;

    public override string ToString() => "null";
}

internal sealed class BoolValue : Value
{
    public static readonly BoolValue True = new(true);
    public static readonly BoolValue False = new(false);

    private BoolValue(bool b) => B = b;

    public bool B { get; }

    public static BoolValue Of(bool b) => b ? True : False;

    public override Kind Kind => Kind.Bool;

    public override bool IsConcrete => true;

    public override string ToString() => B ? "true" : "false";
}

internal sealed class NumValue(CueDecimal d, bool isInt) : Value
{
    public CueDecimal D { get; } = d;

    public bool IsInt { get; } = isInt;

    public override Kind Kind => IsInt ? Kind.Int : Kind.Float;

    public override bool IsConcrete => true;

    public static NumValue Int(System.Numerics.BigInteger v) => new(CueDecimal.FromInt(v), true);

    public override string ToString() => D.ToString();
}

internal sealed class StringValue(string s) : Value
{
    public string S { get; } = s;

    public override Kind Kind => Kind.String;

    public override bool IsConcrete => true;

    public override string ToString() => CueText.Quote(S);
}

internal sealed class BytesValue(byte[] b) : Value
{
    public byte[] B { get; } = b;

    public override Kind Kind => Kind.Bytes;

    public override bool IsConcrete => true;

    public override string ToString() => CueText.QuoteBytes(B);
}

/// <summary>A basic type such as <c>int</c> or <c>string</c>, possibly narrowed by bounds and validators.</summary>
internal sealed class ConstraintValue(Kind kind, IReadOnlyList<Value> bounds) : Value
{
    public IReadOnlyList<Value> Bounds { get; } = bounds;

    public override Kind Kind { get; } = kind;

    /// <summary>
    /// As v0.4 prints it: the bounds in order, then the kind when the bounds allow more than it; a pair of
    /// numeric bounds with <c>int</c> reads as a predeclared range where one fits (<c>uint8</c>,
    /// <c>int8 &amp; &gt;=0</c>, <c>uint &amp; &lt;=10</c>).
    /// </summary>
    public override string ToString()
    {
        if (Bounds.Count == 0)
        {
            return KindNames.Name(Kind);
        }

        var values = new List<Value>(Bounds);
        var allowed = Kind.Top;
        foreach (var b in Bounds)
        {
            allowed &= PrintKind(b);
        }

        if ((allowed & ~Kind) != 0)
        {
            values.Add(new ConstraintValue(Kind, []));
        }

        return values.Count == 1 ? values[0].ToString()! : RangeText.Print(values);
    }

    /// <summary>The kinds a bound admits, as v0.4 counts them: any number for a numeric bound.</summary>
    private static Kind PrintKind(Value b) => b switch
    {
        BoundValue { Op: Tok.Match or Tok.NotMatch } => Kind.String,
        BoundValue { Arg: NumValue } => Kind.Number,
        BoundValue { Op: Tok.Neq, Arg: NullValue } => Kind.Top & ~Kind.Null,
        BoundValue x => x.Arg.Kind,
        _ => b.Kind,
    };
}

/// <summary>Prints a conjunction of bounds, reading numeric ranges as the predeclared types that name them.</summary>
internal static class RangeText
{
    private static readonly (string Name, CueDecimal Lo, CueDecimal Hi)[] IntRanges =
    [
        ("int8", Dec("-128"), Dec("127")),
        ("int16", Dec("-32768"), Dec("32767")),
        ("int32", Dec("-2147483648"), Dec("2147483647")),
        ("int64", Dec("-9223372036854775808"), Dec("9223372036854775807")),
        ("int128", Dec("-170141183460469231731687303715884105728"), Dec("170141183460469231731687303715884105727")),
        ("uint8", Dec("0"), Dec("255")),
        ("uint16", Dec("0"), Dec("65535")),
        ("uint32", Dec("0"), Dec("4294967295")),
        ("uint64", Dec("0"), Dec("18446744073709551615")),
        ("uint128", Dec("0"), Dec("340282366920938463463374607431768211455")),
    ];

    private static readonly (string Name, CueDecimal Lo, CueDecimal Hi)[] FloatRanges =
    [
        ("float32", Dec("-3.40282346638528859811704183484516925440e+38"), Dec("3.40282346638528859811704183484516925440e+38")),
        ("float64", Dec("-1.797693134862315708145274237317043567981e+308"), Dec("1.797693134862315708145274237317043567981e+308")),
    ];

    private static CueDecimal Dec(string s) => CueDecimal.ParseDecimalText(s);

    public static string Print(List<Value> values)
    {
        var isInt = false;
        BoundValue? min = null;
        BoundValue? max = null;
        var rest = new List<Value>();
        foreach (var v in values)
        {
            switch (v)
            {
                case ConstraintValue { Kind: Kind.Int, Bounds.Count: 0 }:
                    isInt = true;
                    break;
                case BoundValue { Op: Tok.Gtr or Tok.Geq, Arg: NumValue } b:
                    min = min is null || Tighter(b, min) ? b : min;
                    break;
                case BoundValue { Op: Tok.Lss or Tok.Leq, Arg: NumValue } b:
                    max = max is null || Tighter(b, max) ? b : max;
                    break;
                default:
                    rest.Add(v);
                    break;
            }
        }

        if (min is null || max is null)
        {
            return string.Join(" & ", values.Select(v => v.ToString()));
        }

        var parts = new List<string>();
        var done = false;
        if (isInt)
        {
            if (Match(IntRanges, ref min, ref max) is { } t)
            {
                parts.Add(t);
                done = true;
            }
            else if (Num(min!).D.Sign < 0)
            {
                parts.Add("int");
            }
            else
            {
                parts.Add("uint");
                if (Num(min!).D.Sign == 0 && min!.Op == Tok.Geq)
                {
                    min = null;
                    done = true;
                }
            }
        }

        if (!done && min is not null && Match(FloatRanges, ref min, ref max) is { } f)
        {
            parts.Add(f);
        }

        if (min is not null)
        {
            parts.Add(min.ToString());
        }

        if (max is not null)
        {
            parts.Add(max.ToString());
        }

        parts.AddRange(rest.Select(v => v.ToString()!));
        return string.Join(" & ", parts);
    }

    private static NumValue Num(BoundValue b) => (NumValue)b.Arg;

    private static bool Tighter(BoundValue x, BoundValue y)
    {
        var c = Num(x).D.CompareTo(Num(y).D);
        return x.Op is Tok.Gtr or Tok.Geq ? (x.Op == Tok.Gtr ? c >= 0 : c > 0) : (x.Op == Tok.Lss ? c <= 0 : c < 0);
    }

    /// <summary>The predeclared range the bounds fall in, dropping the bounds it stands for.</summary>
    private static string? Match((string Name, CueDecimal Lo, CueDecimal Hi)[] ranges, ref BoundValue? min, ref BoundValue? max)
    {
        foreach (var (name, lo, hi) in ranges)
        {
            var minNum = Num(min!).D;
            var maxNum = Num(max!).D;
            if (minNum.Sign != 0 && min!.Op == Tok.Geq && minNum.CompareTo(lo) == 0)
            {
                var c = maxNum.CompareTo(hi);
                if (c == 0)
                {
                    if (max!.Op == Tok.Leq)
                    {
                        max = null;
                    }

                    min = null;
                    return name;
                }

                if (c < 0)
                {
                    min = null;
                    return name;
                }
            }
            else if (max!.Op == Tok.Leq && maxNum.CompareTo(hi) == 0)
            {
                var c = minNum.CompareTo(lo);
                if (c >= 0)
                {
                    if (c == 0 && min!.Op == Tok.Geq)
                    {
                        min = null;
                    }

                    max = null;
                    return name;
                }
            }
        }

        return null;
    }
}

/// <summary>A unary bound <c>&gt;=1</c>, <c>!=x</c>, <c>=~"re"</c>.</summary>
internal sealed class BoundValue(Tok op, Value arg) : Value
{
    public Tok Op { get; } = op;

    public Value Arg { get; } = arg;

    public override Kind Kind => Op switch
    {
        Tok.Match or Tok.NotMatch => Kind.String,
        Tok.Neq => Kind.Top,
        _ => Arg.Kind is Kind.Int or Kind.Float ? Kind.Number : Arg.Kind,
    };

    public override string ToString()
    {
        var op = Op switch
        {
            Tok.Lss => "<",
            Tok.Leq => "<=",
            Tok.Gtr => ">",
            Tok.Geq => ">=",
            Tok.Neq => "!=",
            Tok.Match => "=~",
            _ => "!~",
        };
        return op + Arg;
    }
}

/// <summary>A builtin used as a constraint, like <c>strings.MinRunes(3)</c>.</summary>
internal sealed class ValidatorValue(Builtin fn, IReadOnlyList<Value> args) : Value
{
    public Builtin Fn { get; } = fn;

    public IReadOnlyList<Value> Args { get; } = args;

    /// <summary>Where the call starts, when the validator was written as one (its errors are reported there).</summary>
    public Pos Start { get; init; }

    /// <summary>Where the values of <see cref="Args"/> came from, when known.</summary>
    public IReadOnlyList<Pos> ArgPositions { get; init; } = [];

    public override Kind Kind => Fn.Params.Length > 0 ? Fn.Params[0] : Kind.Top;

    /// <summary>The import path of the builtin's package (<c>encoding/json</c>), empty for a predeclared one.</summary>
    public string PackagePath => Fn.Name.LastIndexOf('.') is var dot and > 0 ? Fn.Name[..dot] : "";

    public override string ToString() => $"{ShortName}({string.Join(", ", Args.Select(a => a.ToString()))})";

    /// <summary>How v0.4 names the validator in its errors: as <see cref="ToString"/>, without the parentheses
    /// of a call without arguments (<c>time.Duration</c>, where <c>cue eval</c> prints <c>time.Duration()</c>).</summary>
    public string ErrorText => Args.Count == 0 ? ShortName : ToString();

    // Named as a program refers to it: by the last element of the package path.
    private string ShortName
    {
        get
        {
            var name = Fn.Name;
            var slash = name.LastIndexOf('/', name.LastIndexOf('.') is var dot and >= 0 ? dot : name.Length - 1);
            return slash >= 0 ? name[(slash + 1)..] : name;
        }
    }
}

/// <summary>A builtin function value (before it is called).</summary>
internal sealed class BuiltinValue(Builtin fn) : Value
{
    public Builtin Fn { get; } = fn;

    public override Kind Kind => Kind.Top;

    public override string ToString() => Fn.Name;
}

internal enum ErrorCode
{
    Eval,
    User,
    StructuralCycle,
    Incomplete,
    Cycle,
}

/// <summary>An error value: a conflict (<see cref="ErrorCode.Eval"/>) or a not-yet-concrete value.</summary>
internal sealed class Bottom(ErrorCode code, string message, Pos pos = default) : Value
{
    public ErrorCode Code { get; } = code;

    public string Message { get; } = message;

    public Pos Pos { get; } = pos;

    /// <summary>The path where the error surfaced, filled when it is reported.</summary>
    public string? Path { get; set; }

    /// <summary>The position of the field that holds the error, used when the error has no position itself.</summary>
    public Pos FieldPos { get; set; }

    /// <summary>Further positions that contributed to the error (both sides of a conflict, the definition that
    /// closed a struct), printed after <see cref="Pos"/> like the reference's input positions.</summary>
    public IReadOnlyList<Pos> Inputs { get; init; } = [];

    /// <summary>Errors reported after this one: the failed terms of an empty disjunction, or the further
    /// conflicts of the same field.</summary>
    public List<Bottom>? Sub { get; set; }

    public bool IsIncomplete => Code is ErrorCode.Incomplete or ErrorCode.Cycle;

    /// <summary>A disjunction without one default, found where a single value was needed: v0.4 reports it at the
    /// expression that needed it, which the caller knows and <see cref="At"/> gives.</summary>
    public bool Unresolved { get; init; }

    /// <summary>This error at <paramref name="pos"/> when it is unresolved and has no position yet.</summary>
    public Bottom At(Pos pos) => Unresolved && !Pos.IsValid && pos.IsValid ? new(Code, Message, pos) { Unresolved = true, Inputs = Inputs } : this;

    public override Kind Kind => Kind.None;

    public override string ToString() => "_|_";

    public static Bottom Incomplete(string msg, Pos pos = default) => new(ErrorCode.Incomplete, msg, pos);

    public static Bottom Error(string msg, Pos pos = default) => new(ErrorCode.Eval, msg, pos);

    /// <summary>What v0.4 reads from a field it is still evaluating: its shared cycle marker, which has neither a
    /// position nor a path, so it is reported as a bare <c>cycle error</c>.</summary>
    public static Bottom CycleMarker() => new(ErrorCode.Cycle, "cycle error") { Path = "" };

    /// <summary>A conflict between two values: it has no primary position, only the two inputs (like v0.4).</summary>
    public static Bottom Conflict(string msg, Pos first, Pos second) => new(ErrorCode.Eval, msg) { Inputs = [first, second] };
}

/// <summary>Marks a vertex that holds a struct.</summary>
internal sealed class StructMarker : Value
{
    public static readonly StructMarker Instance = new();

    /// <summary>A struct only because nothing else decided: its literals declared no regular field and what they
    /// embedded gave no value (<c>{if false {[1]}}</c>). Unified again as a finished value (a list element copied
    /// by <c>+</c> or a builtin), it must stay open to a scalar or a list, as its conjuncts would be.</summary>
    public static readonly StructMarker ByDefault = new();

    public override Kind Kind => Kind.Struct;

    public override bool IsConcrete => true;
}

/// <summary>Marks a vertex that holds a list.</summary>
internal sealed class ListMarker(bool isOpen, bool typed = false) : Value
{
    public static readonly ListMarker Closed = new(false);
    public static readonly ListMarker Open = new(true);
    private static readonly ListMarker TypedClosed = new(false, true);
    private static readonly ListMarker TypedOpen = new(true, true);

    public bool IsOpen { get; } = isOpen;

    /// <summary>Whether a typed ellipsis (<c>[...int]</c>) constrained the elements.</summary>
    public bool IsTyped { get; } = typed;

    public static ListMarker Of(bool open, bool typed) => typed ? (open ? TypedOpen : TypedClosed) : open ? Open : Closed;

    public override Kind Kind => Kind.List;

    public override bool IsConcrete => true;
}

/// <summary>The result of a disjunction with more than one surviving term.</summary>
internal sealed class DisjunctionValue(List<Vertex> values, int numDefaults, bool hadMarks) : Value
{
    /// <summary>Defaults first.</summary>
    public List<Vertex> Values { get; } = values;

    public int NumDefaults { get; } = numDefaults;

    /// <summary>True when some term was marked but none of the marked survived as a default (v0.4 quirk).</summary>
    public bool HadMarks { get; } = hadMarks;

    public override Kind Kind
    {
        get
        {
            var k = Kind.None;
            foreach (var v in Values)
            {
                k |= v.KindOfValue();
            }

            return k;
        }
    }
}
