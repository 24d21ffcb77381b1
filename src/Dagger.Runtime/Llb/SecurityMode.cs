namespace Dagger.Runtime.Llb;

/// <summary>The privileges of an exec.</summary>
public enum SecurityMode
{
    /// <summary>The default confined container.</summary>
    Sandbox = 0,

    /// <summary>A privileged container (needs the security.insecure entitlement).</summary>
    Insecure = 1,
}
