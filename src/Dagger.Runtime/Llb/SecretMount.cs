namespace Dagger.Runtime.Llb;

/// <summary>
/// A file holding the session secret <paramref name="Id"/>. Only the id is in the graph; the value travels through
/// the session's secrets provider.
/// </summary>
/// <param name="Target">The absolute path of the file inside the container.</param>
/// <param name="Id">The id the secrets provider is asked for.</param>
public sealed record SecretMount(string Target, string Id) : ExecMount(Target)
{
    /// <summary>Owner uid of the file.</summary>
    public int Uid { get; init; }

    /// <summary>Owner gid of the file.</summary>
    public int Gid { get; init; }

    /// <summary>Permission bits of the file; 0400 by default.</summary>
    public int Mode { get; init; } = 0x100;

    /// <summary>When true a missing secret leaves no file instead of failing the exec.</summary>
    public bool Optional { get; init; }
}
