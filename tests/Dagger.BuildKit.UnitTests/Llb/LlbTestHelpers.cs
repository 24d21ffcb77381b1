using Dagger.Runtime.Llb;

namespace Dagger.BuildKit.UnitTests.Llb;

internal static class LlbTestHelpers
{
    public static MarshalOptions Amd64 { get; } = new() { Platform = Platform.LinuxAmd64, LocalUniqueId = "unique-for-tests" };

    public static LlbDefinition Def(this State state) => state.Marshal(Amd64);

    /// <summary>The op producing the state's result.</summary>
    public static LlbOp ResultOp(this LlbDefinition def) => def[def.Result!.Value];

    /// <summary>The op that an input edge of <paramref name="op"/> points at.</summary>
    public static LlbOp InputOp(this LlbDefinition def, LlbOp op, int input) => def[new Digest(op.Op.Inputs[input].Digest)];

    public static State Busybox { get; } = State.Image("busybox");
}
