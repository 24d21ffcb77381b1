namespace Dagger.Runtime.BuildKit;

/// <summary>What an export produced.</summary>
/// <param name="ExporterResponse">The exporter's own report (such as <c>containerimage.digest</c>).</param>
/// <param name="ImageDigest">For an image export: the image (config) digest, and after a push the pushed manifest's digest.</param>
public sealed record ExportResult(IReadOnlyDictionary<string, string> ExporterResponse, string? ImageDigest);
