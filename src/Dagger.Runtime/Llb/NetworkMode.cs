namespace Dagger.Runtime.Llb;

/// <summary>The network an exec runs in.</summary>
public enum NetworkMode
{
    /// <summary>BuildKit's default: a sandboxed network (needs a bridge on Docker Engine).</summary>
    Sandbox = 0,

    /// <summary>The host's network namespace.</summary>
    Host = 1,

    /// <summary>No network at all.</summary>
    None = 2,
}
