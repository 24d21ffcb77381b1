using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dagger.Action.UnitTests.Fakes;

/// <summary>
/// A fake of GitHub's REST API on loopback (Kestrel on port 0) that records every request and answers the check
/// run and commit status endpoints as GitHub does, unless a test scripts another answer with <see cref="Answer"/>.
/// </summary>
internal sealed class FakeGitHubApi : IAsyncDisposable
{
    /// <summary>The id of every check run it creates.</summary>
    public const long CheckRunId = 4242;

    private readonly WebApplication app;
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private readonly List<Scripted> script = [];

    private FakeGitHubApi(WebApplication app) => this.app = app;

    /// <summary>The API's base address (what GITHUB_API_URL holds).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The requests received, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    /// <summary>Starts a fake on a free loopback port.</summary>
    public static async Task<FakeGitHubApi> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var fake = new FakeGitHubApi(builder.Build());
        fake.app.Run(fake.HandleAsync);
        await fake.app.StartAsync(cancellationToken);
        var address = fake.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        fake.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return fake;
    }

    /// <summary>
    /// Answers the next <paramref name="times"/> requests of <paramref name="method"/> whose path matches
    /// <paramref name="pathPattern"/> (a regular expression) with <paramref name="status"/>, the headers and a body,
    /// after letting <paramref name="skip"/> of them through.
    /// </summary>
    public void Answer(string method, string pathPattern, int status, int times = int.MaxValue, IReadOnlyDictionary<string, string>? headers = null, string? message = null, int skip = 0)
    {
        lock (script)
        {
            script.Add(new Scripted(method, new Regex(pathPattern), status, times, headers ?? new Dictionary<string, string>(), message ?? "scripted by the test") { Skip = skip });
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        var path = request.Path.Value ?? "/";
        requests.Enqueue(new RecordedRequest(request.Method, path, DateTimeOffset.UtcNow, body, request.Headers.Authorization.ToString()));

        if (Scripted.Take(script, request.Method, path) is { } scripted)
        {
            context.Response.StatusCode = scripted.Status;
            foreach (var (name, value) in scripted.Headers)
            {
                context.Response.Headers[name] = value;
            }

            await context.Response.WriteAsJsonAsync(new { message = scripted.Message, documentation_url = "https://docs.github.com/rest" }, context.RequestAborted);
            return;
        }

        context.Response.Headers["x-ratelimit-remaining"] = "4999";
        var match = Regex.Match(path, "^/repos/([^/]+)/([^/]+)/(check-runs|statuses)(?:/([^/]+))?$");
        if (!match.Success)
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsJsonAsync(new { message = "Not Found" }, context.RequestAborted);
            return;
        }

        var (owner, repo, kind) = (match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value);
        if (kind == "statuses" && request.Method == "POST")
        {
            context.Response.StatusCode = 201;
            await context.Response.WriteAsJsonAsync(new { id = 1, state = body.GetProperty("state").GetString(), context = body.GetProperty("context").GetString() }, context.RequestAborted);
            return;
        }

        if (kind == "check-runs" && request.Method is "POST" or "PATCH")
        {
            context.Response.StatusCode = request.Method == "POST" ? 201 : 200;
            await context.Response.WriteAsJsonAsync(
                new
                {
                    id = CheckRunId,
                    html_url = $"https://github.com/{owner}/{repo}/runs/{CheckRunId}",
                    status = "in_progress",
                    name = "dagger",
                    head_sha = "0000000000000000000000000000000000000000",
                },
                context.RequestAborted);
            return;
        }

        context.Response.StatusCode = 404;
        await context.Response.WriteAsJsonAsync(new { message = "Not Found" }, context.RequestAborted);
    }

    private sealed class Scripted(string method, Regex path, int status, int times, IReadOnlyDictionary<string, string> headers, string message)
    {
        public string Method => method;

        public Regex Path => path;

        public int Status => status;

        public IReadOnlyDictionary<string, string> Headers => headers;

        public string Message => message;

        public int Left { get; set; } = times;

        public int Skip { get; set; }

        public static Scripted? Take(List<Scripted> script, string method, string path)
        {
            lock (script)
            {
                var found = script.FirstOrDefault(s => s.Left > 0 && s.Method == method && s.Path.IsMatch(path));
                if (found is null)
                {
                    return null;
                }

                if (found.Skip > 0)
                {
                    found.Skip--;
                    return null;
                }

                found.Left--;
                return found;
            }
        }
    }
}
