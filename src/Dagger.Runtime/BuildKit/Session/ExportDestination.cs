namespace Dagger.Runtime.BuildKit.Session;

/// <summary>Where an export's files go when the engine sends them through FileSend.</summary>
/// <param name="Directory">For the local exporter: the folder to write into.</param>
/// <param name="TarFile">For the tar exporter: the file to write the archive to.</param>
internal sealed record ExportDestination(string? Directory, string? TarFile);
