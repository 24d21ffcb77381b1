using System.Net.Http.Headers;
using System.Text.Json;

namespace Dagger.Engine.IntegrationTests.Images;

/// <summary>Reads what a push left in a registry, through the registry's own HTTP API (no engine involved).</summary>
internal sealed class RegistryApi(string host) : IDisposable
{
    private const string ManifestV2 = "application/vnd.docker.distribution.manifest.v2+json";
    private const string OciManifest = "application/vnd.oci.image.manifest.v1+json";

    private readonly HttpClient http = new() { BaseAddress = new Uri($"http://{host}/v2/") };

    /// <summary>The manifest digest of <paramref name="repository"/>:<paramref name="tag"/>, and the image config it points at.</summary>
    public async Task<(string Digest, JsonElement Config)> GetAsync(string repository, string tag, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{repository}/manifests/{tag}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(ManifestV2));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(OciManifest));
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var digest = response.Headers.GetValues("Docker-Content-Digest").Single();
        using var manifest = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var configDigest = manifest.RootElement.GetProperty("config").GetProperty("digest").GetString();
        var config = JsonDocument.Parse(await http.GetStringAsync($"{repository}/blobs/{configDigest}", cancellationToken));
        return (digest, config.RootElement.Clone());
    }

    /// <summary>The content of a file of the image, read from its layers (the topmost layer that has it).</summary>
    public async Task<string?> ReadFileAsync(string repository, string tag, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{repository}/manifests/{tag}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(ManifestV2));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(OciManifest));
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var manifest = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var wanted = path.TrimStart('/');
        foreach (var layer in manifest.RootElement.GetProperty("layers").EnumerateArray().Reverse())
        {
            var blob = await http.GetByteArrayAsync($"{repository}/blobs/{layer.GetProperty("digest").GetString()}", cancellationToken);
            using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(blob), System.IO.Compression.CompressionMode.Decompress);
            using var tar = new System.Formats.Tar.TarReader(gzip);
            while (await tar.GetNextEntryAsync(copyData: true, cancellationToken) is { } entry)
            {
                if (entry.Name.TrimStart('.', '/') == wanted && entry.DataStream is { } data)
                {
                    using var reader = new StreamReader(data);
                    return await reader.ReadToEndAsync(cancellationToken);
                }
            }
        }

        return null;
    }

    public void Dispose() => http.Dispose();
}
