namespace Dagger.Runtime.Llb;

/// <summary>Proxy settings passed to an exec outside its environment, so they do not change its cache key.</summary>
public sealed record ProxyEnv
{
    /// <summary>HTTP_PROXY.</summary>
    public string HttpProxy { get; init; } = "";

    /// <summary>HTTPS_PROXY.</summary>
    public string HttpsProxy { get; init; } = "";

    /// <summary>FTP_PROXY.</summary>
    public string FtpProxy { get; init; } = "";

    /// <summary>NO_PROXY.</summary>
    public string NoProxy { get; init; } = "";
}
