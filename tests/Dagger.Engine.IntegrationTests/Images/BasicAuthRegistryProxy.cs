using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Dagger.Engine.IntegrationTests.Images;

/// <summary>
/// A registry that wants a password: a loopback proxy in front of the rig's registry that answers 401 with a Basic
/// challenge unless the request carries the expected credentials. Requests it refused are counted.
/// </summary>
internal sealed class BasicAuthRegistryProxy : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly HttpClient upstream;
    private readonly string expected;
    private readonly Task loop;
    private int refused;

    private BasicAuthRegistryProxy(string upstreamHost, string user, string password, int port)
    {
        Port = port;
        expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
        upstream = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://{upstreamHost}") };
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Host => $"127.0.0.1:{Port}";

    public int Refused => Volatile.Read(ref refused);

    public static BasicAuthRegistryProxy Start(string upstreamHost, string user, string password)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new BasicAuthRegistryProxy(upstreamHost, user, password, port);
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        try
        {
            await loop;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
            // Stopping the listener ends the loop this way.
        }

        upstream.Dispose();
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        try
        {
            if (request.Headers["Authorization"] != expected)
            {
                Interlocked.Increment(ref refused);
                response.StatusCode = 401;
                response.AddHeader("WWW-Authenticate", "Basic realm=\"dagger-test\"");
                response.AddHeader("Docker-Distribution-API-Version", "registry/2.0");
                var body = """{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}"""u8.ToArray();
                response.ContentType = "application/json";
                response.ContentLength64 = body.Length;
                await response.OutputStream.WriteAsync(body);
                return;
            }

            using var forward = new HttpRequestMessage(new HttpMethod(request.HttpMethod), request.Url!.PathAndQuery);
            if (request.HasEntityBody)
            {
                forward.Content = new StreamContent(request.InputStream);
            }

            foreach (var name in request.Headers.AllKeys.OfType<string>())
            {
                if (name is "Host" or "Authorization" or "Connection" or "Transfer-Encoding" or "Content-Length")
                {
                    continue;
                }

                var value = request.Headers[name]!;
                if (!forward.Headers.TryAddWithoutValidation(name, value))
                {
                    forward.Content?.Headers.TryAddWithoutValidation(name, value);
                }
            }

            // The registry builds its upload URLs from the Host it is asked for: make that the proxy.
            forward.Headers.Host = Host;
            if (request.ContentLength64 >= 0 && forward.Content is not null)
            {
                forward.Content.Headers.ContentLength = request.ContentLength64;
            }

            using var answer = await upstream.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead);
            response.StatusCode = (int)answer.StatusCode;
            foreach (var header in answer.Headers.Concat(answer.Content.Headers))
            {
                if (header.Key is "Transfer-Encoding" or "Connection" or "Content-Length")
                {
                    continue;
                }

                response.AddHeader(header.Key, string.Join(",", header.Value));
            }

            if (answer.Content.Headers.ContentLength is { } length)
            {
                response.ContentLength64 = length;
            }

            if (request.HttpMethod != "HEAD")
            {
                await answer.Content.CopyToAsync(response.OutputStream);
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException or HttpListenerException)
        {
            response.StatusCode = 502;
        }
        finally
        {
            response.Close();
        }
    }
}
