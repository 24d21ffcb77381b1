namespace Dagger.Runtime.Llb;

/// <summary>
/// A socket forwarding to the client's SSH agent. <see cref="ExecMount.Target"/> may be empty: the n-th SSH mount then
/// gets <c>/run/buildkit/ssh_agent.n</c>. The first one also sets SSH_AUTH_SOCK unless the environment has it.
/// </summary>
/// <param name="Target">The absolute path of the socket, or empty for the default.</param>
public sealed record SshMount(string Target = "") : ExecMount(Target)
{
    /// <summary>The id of the agent exposed by the session; empty for <c>default</c>.</summary>
    public string Id { get; init; } = "";

    /// <summary>Owner uid of the socket.</summary>
    public int Uid { get; init; }

    /// <summary>Owner gid of the socket.</summary>
    public int Gid { get; init; }

    /// <summary>Permission bits of the socket; 0600 by default.</summary>
    public int Mode { get; init; } = 0x180;

    /// <summary>When true a session without SSH forwarding leaves no socket instead of failing the exec.</summary>
    public bool Optional { get; init; }
}
