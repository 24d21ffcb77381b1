using Dagger.Runtime.Llb;
using Dagger.Runtime.Llb.Pb;

namespace Dagger.Runtime.Engine.Solving;

/// <summary>The exec network mode that fits an engine, as the compiler's setting.</summary>
public static class EngineNetwork
{
    /// <summary>Converts the mode the engine asks for.</summary>
    public static NetworkMode From(NetMode engineMode) => engineMode switch
    {
        NetMode.Host => NetworkMode.Host,
        NetMode.None => NetworkMode.None,
        _ => NetworkMode.Sandbox,
    };
}
