namespace Dagger.Runtime.BuildKit;

/// <summary>Credentials for one registry.</summary>
/// <param name="Username">The user name; empty with an identity token.</param>
/// <param name="Secret">The password, token or identity token.</param>
public sealed record RegistryCredentials(string Username, string Secret)
{
    /// <summary>Never shows the secret.</summary>
    public override string ToString() => $"RegistryCredentials {{ Username = {Username}, Secret = *** }}";
}
