namespace Dagger.Runtime.BuildKit;

/// <summary>An image's resolved digest and its configuration.</summary>
/// <param name="Digest">The manifest digest the reference resolved to.</param>
/// <param name="ConfigJson">The image configuration (OCI/Docker JSON: env, workdir, user, entrypoint…).</param>
public sealed record ImageConfigResult(string Digest, ReadOnlyMemory<byte> ConfigJson);
