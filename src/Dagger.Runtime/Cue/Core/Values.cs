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

    public override string ToString()
    {
        var parts = new List<string>();
        var named = Kind == Kind.Top ? null : KindNames.Name(Kind);
        var implied = Bounds.Count > 0 && Bounds.All(b => b.Kind == Kind);
        if (named is not null && !implied)
        {
            parts.Add(named);
        }

        parts.AddRange(Bounds.Select(b => b.ToString()!));
        return parts.Count == 0 ? "_" : string.Join(" & ", parts);
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
internal sealed class ValidatorValue(Builtins.Builtin fn, IReadOnlyList<Value> args) : Value
{
    public Builtins.Builtin Fn { get; } = fn;

    public IReadOnlyList<Value> Args { get; } = args;

    public override Kind Kind => Fn.Params.Length > 0 ? Fn.Params[0] : Kind.Top;

    public override string ToString() => $"{Fn.Name}({string.Join(", ", Args.Select(a => a.ToString()))})";
}

/// <summary>A builtin function value (before it is called).</summary>
internal sealed class BuiltinValue(Builtins.Builtin fn) : Value
{
    public Builtins.Builtin Fn { get; } = fn;

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

    public override Kind Kind => Kind.None;

    public override string ToString() => "_|_";

    public static Bottom Incomplete(string msg, Pos pos = default) => new(ErrorCode.Incomplete, msg, pos);

    public static Bottom Error(string msg, Pos pos = default) => new(ErrorCode.Eval, msg, pos);

    /// <summary>A conflict between two values: it has no primary position, only the two inputs (like v0.4).</summary>
    public static Bottom Conflict(string msg, Pos first, Pos second) => new(ErrorCode.Eval, msg) { Inputs = [first, second] };
}

/// <summary>Marks a vertex that holds a struct.</summary>
internal sealed class StructMarker : Value
{
    public static readonly StructMarker Instance = new();

    public override Kind Kind => Kind.Struct;

    public override bool IsConcrete => true;
}

/// <summary>Marks a vertex that holds a list.</summary>
internal sealed class ListMarker(bool isOpen) : Value
{
    public static readonly ListMarker Closed = new(false);
    public static readonly ListMarker Open = new(true);

    public bool IsOpen { get; } = isOpen;

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

/// <summary>Helpers to print CUE literals.</summary>
internal static class CueText
{
    public static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var r in s.EnumerateRunes())
        {
            switch (r.Value)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (r.Value < 0x20 || r.Value == 0x7f)
                    {
                        sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{r.Value:x4}");
                    }
                    else
                    {
                        sb.Append(r.ToString());
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    public static string QuoteBytes(byte[] b)
    {
        var sb = new StringBuilder("'");
        foreach (var c in b)
        {
            if (c == '\'')
            {
                sb.Append("\\'");
            }
            else if (c == '\\')
            {
                sb.Append("\\\\");
            }
            else if (c is >= 0x20 and < 0x7f)
            {
                sb.Append((char)c);
            }
            else
            {
                sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\x{c:x2}");
            }
        }

        return sb.Append('\'').ToString();
    }
}
