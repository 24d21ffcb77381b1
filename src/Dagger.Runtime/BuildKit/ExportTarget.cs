namespace Dagger.Runtime.BuildKit;

/// <summary>Where <see cref="BuildKitClient.ExportAsync"/> puts a build result.</summary>
public abstract record ExportTarget
{
    /// <summary>
    /// For image targets: the image config (OCI JSON: env, working directory, user, entrypoint…) to give the image;
    /// the exporter's default config when null.
    /// </summary>
    public ReadOnlyMemory<byte>? ImageConfig { get; init; }
}

/// <summary>Writes the result's files into a host folder (merged with what is there). Needs a client session.</summary>
/// <param name="Directory">The folder, created if missing.</param>
public sealed record LocalExportTarget(string Directory) : ExportTarget;

/// <summary>Writes the result's files as a tar archive on the host. Needs a client session.</summary>
/// <param name="File">The archive to create or replace.</param>
public sealed record TarExportTarget(string File) : ExportTarget;

/// <summary>
/// Makes the result an image. On a Docker Engine it goes into the engine's image store (the <c>moby</c> exporter) and,
/// with <paramref name="Push"/>, is then pushed through the Engine API; on a buildkitd the <c>image</c> exporter
/// pushes it itself, with credentials from the client session.
/// </summary>
/// <param name="Name">The image reference, as in <c>127.0.0.1:5000/app:1.0</c>.</param>
/// <param name="Push">Whether to push it to its registry.</param>
public sealed record ImageExportTarget(string Name, bool Push = false) : ExportTarget;

/// <summary>
/// Writes the result as a Docker image tarball (what <c>docker save</c> writes and <c>docker load</c> reads) on the
/// host. On a Docker Engine the image also stays in the engine's store under <paramref name="Name"/>; on a buildkitd
/// the <c>docker</c> exporter sends it through the client session, which is then required.
/// </summary>
/// <param name="File">The tarball to create or replace.</param>
/// <param name="Name">The image's name and tag in the tarball, as in <c>app:1.0</c>.</param>
public sealed record DockerArchiveExportTarget(string File, string Name) : ExportTarget;
