namespace Dagger.Runtime.Llb;

/// <summary>Options of a git source.</summary>
public sealed record GitOptions
{
    /// <summary>Keep the <c>.git</c> directory in the checkout.</summary>
    public bool KeepGitDir { get; init; }

    /// <summary>
    /// Name of the session secret holding a token for HTTP(S) remotes; null keeps BuildKit's default name
    /// <c>GIT_AUTH_TOKEN</c>, empty writes no attribute.
    /// </summary>
    public string? AuthTokenSecret { get; init; }

    /// <summary>
    /// Name of the session secret holding a full Authorization header; null keeps the default <c>GIT_AUTH_HEADER</c>,
    /// empty writes no attribute.
    /// </summary>
    public string? AuthHeaderSecret { get; init; }

    /// <summary>known_hosts lines for SSH remotes. Unlike BuildKit's Go client we never run ssh-keyscan ourselves.</summary>
    public string? KnownSshHosts { get; init; }

    /// <summary>The session SSH agent id used for SSH remotes; null uses <c>default</c>.</summary>
    public string? MountSshSock { get; init; }

    /// <summary>Name and metadata of the op.</summary>
    public OpOptions Op { get; init; } = OpOptions.Default;
}
