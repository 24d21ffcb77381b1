using Dagger.Runtime.BuildKit.Protocol.Control;
using Dagger.Runtime.BuildKit.Protocol.Gateway;
using Dagger.Runtime.BuildKit.Transport;
using Dagger.Runtime.Llb.Pb;

using Grpc.Core;
using Grpc.Net.Client;

using ControlService = Dagger.Runtime.BuildKit.Protocol.Control.Control;

namespace Dagger.Runtime.BuildKit;

/// <summary>
/// A connection to a BuildKit engine: a standalone buildkitd or the one inside a Docker Engine. Thread-safe; one per
/// process is enough, and many <see cref="BuildSession"/>s can run on it at once.
/// </summary>
public sealed class BuildKitClient : IAsyncDisposable
{
    private readonly GrpcChannel channel;

    private BuildKitClient(EngineAddress address, EngineTransport transport, GrpcChannel channel, NetMode execNetwork)
    {
        Address = address;
        Transport = transport;
        this.channel = channel;
        ExecNetwork = execNetwork;
        Control = new ControlService.ControlClient(channel);
        Gateway = new LLBBridge.LLBBridgeClient(channel);
    }

    /// <summary>The address this client is connected to.</summary>
    public EngineAddress Address { get; }

    /// <summary>The network mode execs must use on this engine (see <see cref="EngineCapabilities.ExecNetwork"/>).</summary>
    public NetMode ExecNetwork { get; }

    internal EngineTransport Transport { get; }

    internal ControlService.ControlClient Control { get; }

    internal LLBBridge.LLBBridgeClient Gateway { get; }

    /// <summary>Connects to the engine and checks that it answers.</summary>
    /// <exception cref="EngineConnectionException">The engine cannot be reached or does not speak BuildKit's API.</exception>
    public static async Task<BuildKitClient> ConnectAsync(
        EngineAddress address,
        BuildKitClientOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        options ??= new BuildKitClientOptions();
        var transport = new EngineTransport(address, options.Tls);
        var channel = transport.CreateChannel();
        try
        {
            var workers = await ListWorkersAsync(new ControlService.ControlClient(channel), address, cancellationToken).ConfigureAwait(false);
            if (workers.Count == 0)
            {
                throw new EngineConnectionException($"the engine at {address.Uri} has no workers");
            }

            var network = options.ExecNetwork ?? await ChooseExecNetworkAsync(address, cancellationToken).ConfigureAwait(false);
            return new BuildKitClient(address, transport, channel, network);
        }
        catch
        {
            channel.Dispose();
            throw;
        }
    }

    /// <summary>Lists the engine's workers.</summary>
    public Task<IReadOnlyList<WorkerInfo>> ListWorkersAsync(CancellationToken cancellationToken = default) =>
        ListWorkersAsync(Control, Address, cancellationToken);

    /// <summary>Starts a build session; see <see cref="BuildSession"/>.</summary>
    public Task<BuildSession> StartBuildAsync(BuildSessionOptions? options = null, CancellationToken cancellationToken = default) =>
        BuildSession.StartAsync(this, options ?? new BuildSessionOptions(), cancellationToken);

    /// <summary>Reads the engine's capabilities, through a short build session (the gateway answers only inside one).</summary>
    public async Task<EngineCapabilities> GetCapabilitiesAsync(CancellationToken cancellationToken = default)
    {
        var session = await StartBuildAsync(null, cancellationToken).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            await session.CompleteAsync(cancellationToken).ConfigureAwait(false);
            return session.Capabilities;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        channel.Dispose();
        return ValueTask.CompletedTask;
    }

    internal static IReadOnlyList<WorkerInfo> ToWorkers(IEnumerable<Protocol.Types.WorkerRecord> records) =>
        records.Select(r => new WorkerInfo(
                r.ID,
                r.Platforms.Select(FormatPlatform).ToList(),
                new SortedDictionary<string, string>(r.Labels, StringComparer.Ordinal)))
            .ToList();

    internal static string FormatPlatform(Platform p) =>
        string.IsNullOrEmpty(p.Variant) ? $"{p.OS}/{p.Architecture}" : $"{p.OS}/{p.Architecture}/{p.Variant}";

    internal static EngineConnectionException Unreachable(EngineAddress address, RpcException e) =>
        new($"the engine at {address.Uri} did not answer: {BuildErrorParser.Clean(e.Status.Detail)}", e);

    private static async Task<IReadOnlyList<WorkerInfo>> ListWorkersAsync(
        ControlService.ControlClient control,
        EngineAddress address,
        CancellationToken cancellationToken)
    {
        try
        {
            var response = await control.ListWorkersAsync(new ListWorkersRequest(), cancellationToken: cancellationToken).ConfigureAwait(false);
            return ToWorkers(response.Record);
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled)
        {
            throw Unreachable(address, e);
        }
    }

    private static async Task<NetMode> ChooseExecNetworkAsync(EngineAddress address, CancellationToken cancellationToken)
    {
        if (address.Kind != EngineKind.DockerEngine)
        {
            return NetMode.Unset;
        }

        using var docker = new DockerApi(address.Uri);
        try
        {
            return await docker.HasNetworkAsync("bridge", cancellationToken).ConfigureAwait(false) ? NetMode.Unset : NetMode.Host;
        }
        catch (HttpRequestException e)
        {
            throw new EngineConnectionException($"the Docker Engine at {address.Uri} did not answer: {e.Message}", e);
        }
    }
}