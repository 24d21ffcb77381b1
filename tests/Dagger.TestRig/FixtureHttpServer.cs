using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dagger.TestRig;

/// <summary>
/// An HTTP server on loopback: fixture files under <c>/files/</c>, the fixture git repositories over smart HTTP under
/// <c>/git/</c> (the private one needs a token), and 404 for anything else.
/// </summary>
public sealed class FixtureHttpServer : IAsyncDisposable
{
    /// <summary><c>/files/hello.txt</c>.</summary>
    public const string HelloText = "hello over http\n";

    private readonly WebApplication app;

    private FixtureHttpServer(WebApplication app, string baseUrl, string token)
    {
        this.app = app;
        BaseUrl = baseUrl;
        GitToken = token;
    }

    /// <summary>The base URL, such as <c>http://127.0.0.1:40123/</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>The token that opens the private repository (as the password of HTTP basic auth, any user name).</summary>
    public string GitToken { get; }

    /// <summary>The URL of a fixture file.</summary>
    public string FileUrl(string name) => BaseUrl + "files/" + name;

    /// <summary>The smart-HTTP URL of a fixture repository.</summary>
    public string GitUrl(string repository) => BaseUrl + "git/" + repository;

    /// <summary>Starts the server over fixture files written to <paramref name="filesRoot"/> and the given repositories.</summary>
    public static async Task<FixtureHttpServer> StartAsync(string filesRoot, GitRepositories repositories, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.Combine(filesRoot, "dir"));
        await File.WriteAllTextAsync(Path.Combine(filesRoot, "hello.txt"), HelloText, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(filesRoot, "dir", "nested.txt"), "nested\n", cancellationToken);
        var token = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Map("/files/{**path}", (string path) =>
        {
            var full = Path.GetFullPath(Path.Combine(filesRoot, path));
            return full.StartsWith(filesRoot, StringComparison.Ordinal) && File.Exists(full)
                ? Results.File(full, "application/octet-stream")
                : Results.NotFound();
        });
        app.Map("/git/{**path}", (HttpContext context, string path) => ServeGitAsync(context, path, repositories.Root, token));
        app.MapFallback(() => Results.NotFound());
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FixtureHttpServer(app, address.TrimEnd('/') + "/", token);
    }

    private static async Task ServeGitAsync(HttpContext context, string path, string root, string token)
    {
        if (path.StartsWith(GitRepositories.Private, StringComparison.Ordinal) && !Authorized(context.Request, token))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"dagger-test\"";
            return;
        }

        var start = new ProcessStartInfo("git")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("http-backend");
        start.Environment["GIT_PROJECT_ROOT"] = root;
        start.Environment["GIT_HTTP_EXPORT_ALL"] = "1";
        start.Environment["PATH_INFO"] = "/" + path;
        start.Environment["QUERY_STRING"] = context.Request.QueryString.HasValue ? context.Request.QueryString.Value![1..] : string.Empty;
        start.Environment["REQUEST_METHOD"] = context.Request.Method;
        start.Environment["CONTENT_TYPE"] = context.Request.ContentType ?? string.Empty;
        start.Environment["REMOTE_ADDR"] = "127.0.0.1";
        start.Environment["REMOTE_USER"] = "tester";
        start.Environment["HTTP_CONTENT_ENCODING"] = context.Request.Headers.ContentEncoding.ToString();
        start.Environment["GIT_PROTOCOL"] = context.Request.Headers["Git-Protocol"].ToString();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start git http-backend");
        var stderr = process.StandardError.ReadToEndAsync(context.RequestAborted);
        await context.Request.Body.CopyToAsync(process.StandardInput.BaseStream, context.RequestAborted);
        process.StandardInput.Close();

        var output = process.StandardOutput.BaseStream;
        foreach (var line in await ReadCgiHeadersAsync(output, context.RequestAborted))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var (name, value) = (line[..colon].Trim(), line[(colon + 1)..].Trim());
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.StatusCode = int.Parse(value.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                context.Response.Headers[name] = value;
            }
        }

        await output.CopyToAsync(context.Response.Body, context.RequestAborted);
        await process.WaitForExitAsync(context.RequestAborted);
        await stderr;
    }

    private static bool Authorized(HttpRequest request, string token)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        return decoded[(decoded.IndexOf(':', StringComparison.Ordinal) + 1)..] == token;
    }

    // CGI headers end at the first empty line; read byte by byte so the body stays in the stream.
    private static async Task<List<string>> ReadCgiHeadersAsync(Stream stream, CancellationToken cancellationToken)
    {
        var headers = new List<string>();
        var line = new StringBuilder();
        var one = new byte[1];
        while (await stream.ReadAsync(one, cancellationToken) == 1)
        {
            if (one[0] == '\n')
            {
                var text = line.ToString().TrimEnd('\r');
                if (text.Length == 0)
                {
                    break;
                }

                headers.Add(text);
                line.Clear();
            }
            else
            {
                line.Append((char)one[0]);
            }
        }

        return headers;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
