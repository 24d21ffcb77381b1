namespace Dagger.Runtime.Engine.Ops;

/// <summary>
/// <c>docker-login</c>: gives the run credentials for the registry of <paramref name="Target"/>; the state is
/// unchanged. The password is either a secret, named by its id (<paramref name="SecretId"/>), or, as the original
/// allowed for computed tokens, a plain string of the plan (<paramref name="Password"/>).
/// </summary>
public sealed record DockerLoginOp(OpSource Source, string Target, string Username, string? SecretId, string? Password) : PipelineOp(Source)
{
    /// <inheritdoc />
    public override string Kind => "docker-login";

    /// <summary>Never shows the password.</summary>
    public override string ToString() =>
        $"DockerLoginOp {{ Source = {Source}, Target = {Target}, Username = {Username}, SecretId = {SecretId}, Password = {(Password is null ? "null" : "***")} }}";
}
