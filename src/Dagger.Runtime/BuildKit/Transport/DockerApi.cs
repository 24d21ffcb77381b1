using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Dagger.Runtime.BuildKit.Transport;

/// <summary>The few Docker Engine API calls the client needs besides BuildKit: network discovery and image push.</summary>
internal sealed class DockerApi : IDisposable
{
    private const string ApiVersion = "v1.41";
    private readonly HttpClient http;

    internal DockerApi(string address)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
                await SocketDialer.ConnectAsync(address, cancellationToken).ConfigureAwait(false),
        };
        http = new HttpClient(handler) { BaseAddress = new Uri("http://docker/" + ApiVersion + "/"), Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Whether the daemon has a network of that name (a daemon started with <c>--bridge=none</c> has no <c>bridge</c>).</summary>
    internal async Task<bool> HasNetworkAsync(string name, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("networks/" + Uri.EscapeDataString(name), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, "inspecting network " + name, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Pushes an image from the daemon's store, reading the progress stream to its end for errors.</summary>
    /// <param name="name">The repository, as in <c>127.0.0.1:5000/app</c>.</param>
    /// <param name="tag">The tag to push.</param>
    /// <param name="registryAuth">The <c>X-Registry-Auth</c> header value (base64url JSON), an empty JSON object for anonymous access.</param>
    /// <param name="cancellationToken">Stops the push.</param>
    /// <returns>The pushed manifest's digest when the daemon reported it.</returns>
    internal async Task<string?> PushAsync(string name, string tag, string registryAuth, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(
            HttpMethod.Post,
            $"images/{Uri.EscapeDataString(name)}/push?tag={Uri.EscapeDataString(tag)}");
        // The daemon rejects a push without the header, even to a registry that needs no auth.
        request.Headers.TryAddWithoutValidation("X-Registry-Auth", registryAuth);
        request.Content = new ByteArrayContent([]);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, "pushing " + name + ":" + tag, cancellationToken).ConfigureAwait(false);

        string? digest = null;
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var message = JsonDocument.Parse(line);
            var root = message.RootElement;
            if (root.TryGetProperty("error", out var error))
            {
                throw new BuildFailedException($"pushing {name}:{tag} failed: {error.GetString()}");
            }

            if (root.TryGetProperty("aux", out var aux) && aux.TryGetProperty("Digest", out var pushed))
            {
                digest = pushed.GetString();
            }
        }

        return digest;
    }

    /// <summary>Writes an image of the daemon's store as a Docker image tarball (<c>docker save</c>).</summary>
    /// <param name="name">The image's name and tag.</param>
    /// <param name="file">The tarball to create or replace.</param>
    /// <param name="cancellationToken">Stops the transfer.</param>
    internal async Task SaveAsync(string name, string file, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("images/get?names=" + Uri.EscapeDataString(name), HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
        await EnsureSuccessAsync(response, "saving " + name, cancellationToken).ConfigureAwait(false);
        var temp = file + ".part";
        var output = File.Create(temp);
        await using (output.ConfigureAwait(false))
        {
            await response.Content.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temp, file, overwrite: true);
    }

    /// <inheritdoc />
    public void Dispose() => http.Dispose();

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var message = body;
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("message", out var text))
            {
                message = text.GetString() ?? body;
            }
        }
        catch (JsonException)
        {
            // Not Docker's JSON error: keep the raw body.
        }

        throw new BuildFailedException($"{what}: the Docker Engine answered {(int)response.StatusCode}: {message.Trim()}");
    }
}
