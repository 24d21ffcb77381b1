namespace Dagger.Runtime.Llb;

/// <summary>What an exec runs and what it mounts; environment, directory, user and network come from the state.</summary>
public sealed record ExecOptions
{
    /// <summary>The command and its arguments; must not be empty.</summary>
    public required IReadOnlyList<string> Args { get; init; }

    /// <summary>Mounts besides the root filesystem, in any order (BuildKit's order is by target).</summary>
    public IReadOnlyList<ExecMount> Mounts { get; init; } = [];

    /// <summary>Mount the root filesystem read-only; the exec's root output is then its input unchanged.</summary>
    public bool ReadOnlyRoot { get; init; }

    /// <summary>Proxy settings; they do not take part in the cache key.</summary>
    public ProxyEnv? Proxy { get; init; }

    /// <summary>Name, metadata and platform of the op.</summary>
    public OpOptions Op { get; init; } = OpOptions.Default;
}
