namespace Dagger.Runtime.BuildKit;

/// <summary>Where <see cref="BuildKitClient.ExportAsync"/> puts a build result.</summary>
public abstract record ExportTarget;

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
