namespace Dagger.Runtime.BuildKit;

/// <summary>Names of BuildKit entitlements a build can request.</summary>
public static class Entitlements
{
    /// <summary>Lets execs use the host's network; needed when the engine has no sandbox network.</summary>
    public const string NetworkHost = "network.host";

    /// <summary>Lets execs run privileged.</summary>
    public const string SecurityInsecure = "security.insecure";
}
