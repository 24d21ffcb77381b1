using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Dagger.Runtime.BuildKit.Session;

/// <summary>
/// The gRPC server of a client session: Kestrel, HTTP/2 only, on the streams handed to it (the daemon is the HTTP/2
/// client on them). No logging provider is registered, so nothing reaches the console.
/// </summary>
internal sealed class SessionServer : IAsyncDisposable
{
    /// <summary>Every method served, as advertised to the daemon (it calls nothing it was not told about).</summary>
    internal static readonly IReadOnlyList<string> Methods =
    [
        "/grpc.health.v1.Health/Check",
        "/moby.filesync.v1.FileSync/DiffCopy",
        "/moby.filesync.v1.FileSend/DiffCopy",
        "/moby.buildkit.secrets.v1.Secrets/GetSecret",
        "/moby.filesync.v1.Auth/Credentials",
        "/moby.sshforward.v1.SSH/CheckAgent",
        "/moby.sshforward.v1.SSH/ForwardAgent",
    ];

    private readonly WebApplication app;
    private readonly SessionEndPoint endPoint;

    private SessionServer(WebApplication app, SessionEndPoint endPoint)
    {
        this.app = app;
        this.endPoint = endPoint;
    }

    internal static async Task<SessionServer> StartAsync(SessionState state, CancellationToken cancellationToken)
    {
        var endPoint = new SessionEndPoint();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
            options.Limits.MaxRequestBodySize = null;
            // Generous windows: file sync streams many megabytes in both directions.
            options.Limits.Http2.InitialConnectionWindowSize = 4 * 1024 * 1024;
            options.Limits.Http2.InitialStreamWindowSize = 2 * 1024 * 1024;
            options.Limits.Http2.MaxStreamsPerConnection = 1000;
            options.Listen(endPoint, listen => listen.Protocols = HttpProtocols.Http2);
        });
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(2));
        builder.Services.AddSingleton<IConnectionListenerFactory, StreamConnectionListenerFactory>();
        builder.Services.AddSingleton(state);
        builder.Services.AddRouting();
        builder.Services.AddGrpc(options =>
        {
            options.MaxReceiveMessageSize = null;
            options.MaxSendMessageSize = null;
        });
        var app = builder.Build();
        app.UseRouting();
        app.MapGrpcService<HealthService>();
        app.MapGrpcService<FileSyncService>();
        app.MapGrpcService<FileSendService>();
        app.MapGrpcService<SecretsService>();
        app.MapGrpcService<AuthService>();
        app.MapGrpcService<SocketForwardService>();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new SessionServer(app, endPoint);
    }

    /// <summary>Serves gRPC on <paramref name="stream"/>, which the server now owns.</summary>
    internal void Serve(Stream stream) => endPoint.Accept(stream);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        endPoint.Complete();

        // No grace period: a session is closed once its solves have returned, so nothing it serves is still in
        // flight, and a graceful HTTP/2 shutdown would cost every run a round of GOAWAY exchanges with the daemon
        // (about a tenth of a second of a cached run). The connections are aborted at once.
        try
        {
            await app.StopAsync(new CancellationToken(canceled: true)).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The expected outcome of a stop without grace.
        }

        await app.DisposeAsync().ConfigureAwait(false);
    }
}
