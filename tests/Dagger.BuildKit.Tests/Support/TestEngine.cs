using System.Formats.Tar;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

using Dagger.Runtime.BuildKit;

namespace Dagger.BuildKit.Tests.Support;

/// <summary>
/// The engine the integration tests run against: $BUILDKIT_HOST or $DOCKER_HOST, else the project's private Docker
/// Engine (scripts/engine). Makes sure the hermetic image dagger-test/busybox is in its store.
/// </summary>
internal static class TestEngine
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static BuildKitClient? client;

    internal static EngineAddress Address { get; } = Resolve();

    internal static async Task<BuildKitClient> ClientAsync()
    {
        await Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (client is null)
            {
                if (Address.Kind == EngineKind.DockerEngine)
                {
                    await EnsureBusyboxAsync(Address.Uri).ConfigureAwait(false);
                }

                client = await BuildKitClient.ConnectAsync(Address).ConfigureAwait(false);
            }

            return client;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static EngineAddress Resolve()
    {
        var address = EngineDiscovery.Resolve(null);
        if (address is not null && (address.Source != "default" || File.Exists(EngineDiscovery.DefaultDockerSocket)))
        {
            return address;
        }

        var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        var socket = Path.Combine(state, "dagger-dotnet", "engine", "docker.sock");
        return File.Exists(socket)
            ? new EngineAddress(EngineKind.DockerEngine, "unix://" + socket, "test")
            : throw new InvalidOperationException("no engine for the integration tests: run scripts/engine first");
    }

    internal static HttpClient DockerHttp(string address)
    {
        var path = address["unix://".Length..];
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri("http://docker/v1.41/") };
    }

    /// <summary>Imports an image FROM scratch holding the host's static busybox, unless the store has it already.</summary>
    private static async Task EnsureBusyboxAsync(string address)
    {
        using var http = DockerHttp(address);
        using (var inspect = await http.GetAsync("images/dagger-test/busybox:latest/json"))
        {
            if (inspect.IsSuccessStatusCode)
            {
                return;
            }
        }

        using var tar = new MemoryStream();
        await using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            await AddDirectoryAsync(writer, "bin/");
            await AddDirectoryAsync(writer, "etc/");
            await AddDirectoryAsync(writer, "tmp/");
            await writer.WriteEntryAsync("/bin/busybox", "bin/busybox");
            foreach (var applet in new[] { "sh", "cat", "echo", "ls", "id", "pwd", "env", "mkdir", "sleep", "test", "wc", "head", "dd", "sha256sum", "hostname", "grep", "printf", "touch", "rm", "stat" })
            {
                await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.SymbolicLink, "bin/" + applet) { LinkName = "busybox" });
            }

            await AddFileAsync(writer, "etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n");
            await AddFileAsync(writer, "etc/group", "root:x:0:\nnogroup:x:65534:\n");
        }

        tar.Position = 0;
        using var content = new StreamContent(tar);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
        using var response = await http.PostAsync("images/create?fromSrc=-&repo=dagger-test/busybox&tag=latest", content);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || body.Contains("\"error\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("importing dagger-test/busybox failed: " + body);
        }
    }

    private static Task AddDirectoryAsync(TarWriter writer, string name) =>
        writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, name) { Mode = (UnixFileMode)0x1ED });

    private static Task AddFileAsync(TarWriter writer, string name, string text) =>
        writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            Mode = (UnixFileMode)0x1A4,
            DataStream = new MemoryStream(Encoding.ASCII.GetBytes(text)),
        });
}