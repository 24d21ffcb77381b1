namespace Dagger.Runtime.Engine.Compilation;

/// <summary>An image reference resolved by the engine.</summary>
/// <param name="Reference">The normalized reference, such as <c>docker.io/library/busybox:latest</c>.</param>
/// <param name="Digest">The digest the engine resolved it to, when it gives one.</param>
/// <param name="ConfigJson">The OCI image configuration (JSON).</param>
public sealed record ResolvedImage(string Reference, string? Digest, ReadOnlyMemory<byte> ConfigJson);
