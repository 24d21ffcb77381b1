using System.Numerics;

namespace Dagger.Runtime.Cue.Builtins.Template;

/// <summary>
/// An integer beyond int64, which CUE hands to the template as Go's <c>*big.Int</c>. A class, not the bare
/// number, because Go compares two such pointers by identity in <c>eq</c>.
/// </summary>
internal sealed class GoBigInt(BigInteger value)
{
    public BigInteger Value { get; } = value;
}
