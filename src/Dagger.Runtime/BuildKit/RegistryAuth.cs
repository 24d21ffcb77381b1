using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Dagger.Runtime.BuildKit;

/// <summary>
/// Registry credentials for builds and pushes: registrations made at run time (a <c>docker-login</c> op) first,
/// then the Docker CLI's <c>config.json</c> (<c>auths</c>, then a <c>credHelpers</c> entry or the <c>credsStore</c>).
/// </summary>
public sealed class RegistryAuth
{
    private const string DockerHubKey = "https://index.docker.io/v1/";

    private readonly ConcurrentDictionary<string, RegistryCredentials> registered = new(StringComparer.OrdinalIgnoreCase);
    private readonly string? configPath;
    private readonly Func<string, string, CancellationToken, Task<string?>> runHelper;

    /// <summary>Creates the provider.</summary>
    /// <param name="configPath">The Docker config file; <c>$DOCKER_CONFIG/config.json</c> or <c>~/.docker/config.json</c> when null.</param>
    /// <param name="runHelper">
    /// Runs a credential helper (<c>docker-credential-NAME get</c>) with the server on stdin and returns its stdout,
    /// or null when it has no credentials; tests pass their own.
    /// </param>
    public RegistryAuth(string? configPath = null, Func<string, string, CancellationToken, Task<string?>>? runHelper = null)
    {
        this.configPath = configPath ?? DefaultConfigPath();
        this.runHelper = runHelper ?? RunHelperAsync;
    }

    /// <summary>Adds or replaces credentials for <paramref name="host"/> for the rest of the run.</summary>
    public void Register(string host, RegistryCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        registered[NormalizeHost(host)] = credentials;
    }

    /// <summary>Finds credentials for a registry host, or null for anonymous access.</summary>
    /// <exception cref="InvalidOperationException">The config file or a credential helper is broken; the message says which.</exception>
    public async Task<RegistryCredentials?> GetAsync(string host, CancellationToken cancellationToken = default)
    {
        var key = NormalizeHost(host);
        if (registered.TryGetValue(key, out var credentials))
        {
            return credentials;
        }

        if (configPath is null || !File.Exists(configPath))
        {
            return null;
        }

        using var config = await ReadConfigAsync(configPath, cancellationToken).ConfigureAwait(false);
        var root = config.RootElement;
        if (root.TryGetProperty("credHelpers", out var helpers) && helpers.ValueKind == JsonValueKind.Object)
        {
            foreach (var helper in helpers.EnumerateObject())
            {
                if (NormalizeHost(helper.Name) == key && helper.Value.GetString() is { Length: > 0 } name)
                {
                    return await FromHelperAsync(name, ServerKey(key), cancellationToken).ConfigureAwait(false);
                }
            }
        }

        if (root.TryGetProperty("auths", out var auths) && auths.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in auths.EnumerateObject())
            {
                if (NormalizeHost(entry.Name) == key && FromAuthEntry(entry.Value, entry.Name) is { } found)
                {
                    return found;
                }
            }
        }

        return root.TryGetProperty("credsStore", out var store) && store.GetString() is { Length: > 0 } storeName
            ? await FromHelperAsync(storeName, ServerKey(key), cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>
    /// The host part of a registry reference or config key: scheme and path dropped, Docker Hub's aliases folded
    /// into <c>docker.io</c>.
    /// </summary>
    public static string NormalizeHost(string hostOrUrl)
    {
        ArgumentNullException.ThrowIfNull(hostOrUrl);
        var host = hostOrUrl.Trim();
        var scheme = host.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            host = host[(scheme + 3)..];
        }

        var slash = host.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            host = host[..slash];
        }

        host = host.ToLowerInvariant();
        return host is "index.docker.io" or "registry-1.docker.io" or "registry.hub.docker.com" ? "docker.io" : host;
    }

    /// <summary>Reads one <c>auths</c> entry: <c>auth</c> (base64 user:password), <c>username</c>/<c>password</c>, or <c>identitytoken</c>.</summary>
    internal static RegistryCredentials? FromAuthEntry(JsonElement entry, string name)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        string? Text(string property) =>
            entry.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        if (Text("identitytoken") is { Length: > 0 } token)
        {
            return new RegistryCredentials(string.Empty, token);
        }

        if (Text("auth") is { Length: > 0 } auth)
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth));
            }
            catch (FormatException e)
            {
                throw new InvalidOperationException($"the Docker config entry for '{name}' has an 'auth' value that is not base64", e);
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0
                ? throw new InvalidOperationException($"the Docker config entry for '{name}' has an 'auth' value without 'user:password'")
                : new RegistryCredentials(decoded[..colon], decoded[(colon + 1)..]);
        }

        return Text("username") is { Length: > 0 } user ? new RegistryCredentials(user, Text("password") ?? string.Empty) : null;
    }

    /// <summary>Parses a credential helper's answer (<c>{"Username": …, "Secret": …}</c>; user <c>&lt;token&gt;</c> is an identity token).</summary>
    internal static RegistryCredentials ParseHelperOutput(string helper, string output)
    {
        try
        {
            using var json = JsonDocument.Parse(output);
            var user = json.RootElement.GetProperty("Username").GetString() ?? string.Empty;
            var secret = json.RootElement.GetProperty("Secret").GetString() ?? string.Empty;
            return new RegistryCredentials(user == "<token>" ? string.Empty : user, secret);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidOperationException($"docker-credential-{helper} answered something that is not credentials", e);
        }
    }

    private async Task<RegistryCredentials?> FromHelperAsync(string helper, string server, CancellationToken cancellationToken)
    {
        var output = await runHelper(helper, server, cancellationToken).ConfigureAwait(false);
        return output is null ? null : ParseHelperOutput(helper, output);
    }

    private static string ServerKey(string host) => host == "docker.io" ? DockerHubKey : host;

    private static async Task<JsonDocument> ReadConfigAsync(string path, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                throw new InvalidOperationException($"{path}:{e.LineNumber + 1}:{e.BytePositionInLine + 1}: invalid JSON in the Docker config: {e.Message}", e);
            }
        }
    }

    private static string? DefaultConfigPath()
    {
        var dir = Environment.GetEnvironmentVariable("DOCKER_CONFIG");
        if (string.IsNullOrEmpty(dir))
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            if (string.IsNullOrEmpty(home))
            {
                return null;
            }

            dir = Path.Combine(home, ".docker");
        }

        return Path.Combine(dir, "config.json");
    }

    private static async Task<string?> RunHelperAsync(string helper, string server, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("docker-credential-" + helper, "get")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start docker-credential-{helper}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"the Docker config names credential helper '{helper}', but docker-credential-{helper} cannot be run: {e.Message}", e);
        }

        using (process)
        {
            await process.StandardInput.WriteAsync(server).ConfigureAwait(false);
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (process.ExitCode == 0)
            {
                return await output.ConfigureAwait(false);
            }

            var message = (await output.ConfigureAwait(false) + await error.ConfigureAwait(false)).Trim();
            return message.Contains("credentials not found", StringComparison.OrdinalIgnoreCase)
                ? null
                : throw new InvalidOperationException($"docker-credential-{helper} failed for {server}: {message}");
        }
    }
}
