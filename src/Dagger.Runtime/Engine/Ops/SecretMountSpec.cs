namespace Dagger.Runtime.Engine.Ops;

/// <summary>A secret, as a read-only file served by the session, never stored in the LLB.</summary>
public sealed record SecretMountSpec(string Target, string SecretId) : ExecMountSpec(Target);
