using Dagger.Runtime.BuildKit.Session;
using Dagger.Runtime.BuildKit.Transport;

namespace Dagger.Runtime.BuildKit;

/// <summary>
/// The client's side of BuildKit's session: a gRPC server the daemon calls back to read local directories
/// (<c>local://NAME</c>), secrets, registry credentials and forwarded sockets (SSH mounts), and to deliver local and
/// tar exports. Pass it to a <see cref="BuildSession"/> through <see cref="BuildSessionOptions.ClientSession"/>.
/// Directories, secrets and sockets can be added while it runs. BuildKit reads a directory once per session (its cache key is the session and the
/// patterns, not the content), so a run uses one session; a later session with the same shared key sends only
/// what changed.
/// </summary>
public sealed class ClientSession : IAsyncDisposable
{
    private readonly SessionServer server;
    private readonly SemaphoreSlim exportGate = new(1, 1);

    private ClientSession(string id, SessionState state, SessionServer server)
    {
        Id = id;
        State = state;
        this.server = server;
    }

    /// <summary>The session id, which sources (<c>local.session</c>) and solves refer to.</summary>
    public string Id { get; }

    /// <summary>Bytes of file content sent to the engine by this session so far.</summary>
    public long BytesSent => Interlocked.Read(ref State.BytesSent);

    /// <summary>The registry credentials this session serves.</summary>
    public RegistryAuth Auth => State.Auth;

    internal SessionState State { get; }

    /// <summary>Opens a session on the engine of <paramref name="client"/>.</summary>
    public static Task<ClientSession> StartAsync(BuildKitClient client, ClientSessionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.Address.Kind == EngineKind.DockerEngine
            ? StartAsync((headers, ct) => UpgradeAsync(client.Transport, headers, ct), options ?? new ClientSessionOptions(), cancellationToken)
            : StartAsync(async (headers, ct) => (Stream)await SessionTunnel.OpenAsync(client.Transport, headers, ct).ConfigureAwait(false), options ?? new ClientSessionOptions(), cancellationToken);
    }

    /// <summary>
    /// Opens a session on the engine at <paramref name="address"/> while <paramref name="connecting"/> still makes the
    /// client's connection: the session's server starts at once, since it needs nothing from that connection, and on a
    /// Docker Engine so does the session itself, which is a connection of its own (an HTTP upgrade). On a buildkitd the
    /// session is a call on the client's connection, made once it is there.
    /// </summary>
    /// <param name="address">The engine <paramref name="connecting"/> connects to.</param>
    /// <param name="connecting">The client being connected, with the same <paramref name="tls"/>.</param>
    /// <param name="tls">The TLS settings of a tcp:// engine.</param>
    /// <param name="options">The session's name and shared key.</param>
    /// <param name="cancellationToken">Abandons opening the session.</param>
    public static Task<ClientSession> StartAsync(
        EngineAddress address,
        Task<BuildKitClient> connecting,
        EngineTlsOptions? tls = null,
        ClientSessionOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(connecting);
        if (address.Kind == EngineKind.DockerEngine)
        {
            var transport = new EngineTransport(address, tls);
            return StartAsync((headers, ct) => UpgradeAsync(transport, headers, ct), options ?? new ClientSessionOptions(), cancellationToken);
        }

        return StartAsync(
            async (headers, ct) => await SessionTunnel.OpenAsync((await connecting.ConfigureAwait(false)).Transport, headers, ct).ConfigureAwait(false),
            options ?? new ClientSessionOptions(),
            cancellationToken);
    }

    /// <summary>Opens a session on the stream <paramref name="connect"/> returns for the session headers.</summary>
    internal static async Task<ClientSession> StartAsync(
        Func<List<KeyValuePair<string, string>>, CancellationToken, Task<Stream>> connect,
        ClientSessionOptions options,
        CancellationToken cancellationToken)
    {
        var id = Identifiers.New();
        var state = new SessionState(options.Auth ?? new RegistryAuth());
        var server = await SessionServer.StartAsync(state, cancellationToken).ConfigureAwait(false);
        try
        {
            // The server owns and disposes the stream, like any connection it serves.
            server.Serve(await connect(Headers(id, options), cancellationToken).ConfigureAwait(false));
            return new ClientSession(id, state, server);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Offers <paramref name="directory"/> to builds as <c>local://<paramref name="name"/></c>.</summary>
    public void AddDirectory(string name, LocalDirectory directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(directory);
        State.Directories[name] = directory with { Path = Path.GetFullPath(directory.Path) };
    }

    /// <summary>Serves <paramref name="value"/> to secret mounts naming <paramref name="id"/>.</summary>
    public void SetSecret(string id, ReadOnlySpan<byte> value)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        State.Secrets[id] = value.ToArray();
    }

    /// <summary>
    /// Forwards the local unix socket at <paramref name="socketPath"/> to SSH mounts naming <paramref name="id"/>: each
    /// connection made to the mount in a container is relayed to a new connection to the socket.
    /// </summary>
    public void AddSocket(string id, string socketPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        State.Sockets[id] = Path.GetFullPath(socketPath);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync().ConfigureAwait(false);
        exportGate.Dispose();
    }

    /// <summary>Routes the next FileSend transfer to <paramref name="destination"/> while <paramref name="export"/> runs.</summary>
    internal async Task<T> WithExportAsync<T>(ExportDestination destination, Func<Task<T>> export, CancellationToken cancellationToken)
    {
        await exportGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            State.Export = destination;
            return await export().ConfigureAwait(false);
        }
        finally
        {
            State.Export = null;
            exportGate.Release();
        }
    }

    private static async Task<Stream> UpgradeAsync(EngineTransport transport, List<KeyValuePair<string, string>> headers, CancellationToken cancellationToken)
    {
        var stream = await transport.ConnectAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await HttpUpgrade.UpgradeAsync(stream, "/session", headers, cancellationToken).ConfigureAwait(false);
            return stream;
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The session headers: one method header line per served method, which the daemon requires.</summary>
    internal static List<KeyValuePair<string, string>> Headers(string id, ClientSessionOptions options)
    {
        var headers = new List<KeyValuePair<string, string>>
        {
            new("X-Docker-Expose-Session-Uuid", id),
            new("X-Docker-Expose-Session-Name", options.Name),
            new("X-Docker-Expose-Session-Sharedkey", options.SharedKey ?? DefaultSharedKey()),
        };
        headers.AddRange(SessionServer.Methods.Select(m => new KeyValuePair<string, string>("X-Docker-Expose-Session-Grpc-Method", m)));
        return headers;
    }

    private static string DefaultSharedKey() =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(Environment.MachineName + "/" + Environment.UserName)))[..32];
}
