using System.Numerics;

namespace Dagger.Runtime.Cue.Builtins.Template;

/// <summary>
/// A numeric constant (also a character constant, which is its code point). Like Go, it records every
/// interpretation that fits: as int64, uint64, float64 or complex.
/// </summary>
internal sealed record NumberNode(int Pos, string Text) : Node(Pos)
{
    public bool IsInt { get; init; }

    public bool IsUint { get; init; }

    public bool IsFloat { get; init; }

    public bool IsComplex { get; init; }

    public long Int64 { get; init; }

    public double Float64 { get; init; }

    public Complex Complex128 { get; init; }

    public override string ToString() => Text;
}
