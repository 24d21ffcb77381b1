using Dagger.Runtime.BuildKit.Protocol.Control;
using Dagger.Runtime.BuildKit.Protocol.Gateway;
using Dagger.Runtime.BuildKit.Transport;
using Dagger.Runtime.Llb;
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

    private BuildKitClient(EngineAddress address, EngineTransport transport, GrpcChannel channel, NetworkMode execNetwork)
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
    public NetworkMode ExecNetwork { get; }

    internal EngineTransport Transport { get; }

    internal ControlService.ControlClient Control { get; }

    internal LLBBridge.LLBBridgeClient Gateway { get; }

    /// <summary>Connects to the engine and checks that it answers, within <see cref="BuildKitClientOptions.ConnectTimeout"/>.</summary>
    /// <exception cref="EngineConnectionException">The engine cannot be reached, does not answer in time, or does not speak BuildKit's API.</exception>
    public static async Task<BuildKitClient> ConnectAsync(
        EngineAddress address,
        BuildKitClientOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        options ??= new BuildKitClientOptions();
        var transport = new EngineTransport(address, options.Tls);
        var channel = transport.CreateChannel();

        // An engine that accepts connections and never answers (stopped, frozen, overloaded) would otherwise hold the
        // caller forever.
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(options.ConnectTimeout);

        // Two independent round trips, to two APIs of the engine: made at once.
        var network = options.ExecNetwork is { } chosen ? Task.FromResult(chosen) : ChooseExecNetworkAsync(address, bound.Token);
        try
        {
            var workers = await ListWorkersAsync(new ControlService.ControlClient(channel), address, bound.Token).ConfigureAwait(false);
            if (workers.Count == 0)
            {
                throw new EngineConnectionException($"the engine at {address.Uri} has no workers");
            }

            return new BuildKitClient(address, transport, channel, await network.ConfigureAwait(false));
        }
        catch (Exception e)
        {
            channel.Dispose();

            // The workers' failure is the one reported; the other call's outcome is only observed.
            _ = network.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            if (bound.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw NotAnswered(address, options.ConnectTimeout, e);
            }

            throw;
        }
    }

    /// <summary>The error for an engine that did not answer within <paramref name="timeout"/>.</summary>
    internal static EngineConnectionException NotAnswered(EngineAddress address, TimeSpan timeout, Exception inner) => new(
        string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"the engine at {address.Uri} did not answer within {timeout.TotalSeconds:0.###} s; check that it is running and not overloaded, or allow longer with --engine-timeout (DAGGER_ENGINE_TIMEOUT)"),
        inner);

    /// <summary>Lists the engine's workers.</summary>
    public Task<IReadOnlyList<WorkerInfo>> ListWorkersAsync(CancellationToken cancellationToken = default) =>
        ListWorkersAsync(Control, Address, cancellationToken);

    /// <summary>Lists the engine's build cache.</summary>
    /// <param name="filters">BuildKit filters such as <c>type==source.local</c>; all records when empty.</param>
    /// <param name="cancellationToken">Abandons the call.</param>
    public async Task<IReadOnlyList<CacheRecord>> DiskUsageAsync(IEnumerable<string>? filters = null, CancellationToken cancellationToken = default)
    {
        var request = new DiskUsageRequest();
        request.Filter.AddRange(filters ?? []);
        try
        {
            var response = await Control.DiskUsageAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.Record.Select(ToRecord).ToList();
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled)
        {
            throw Unreachable(Address, e);
        }
    }

    /// <summary>Removes unused build cache and returns what was removed.</summary>
    /// <param name="filters">BuildKit filters restricting what may go; everything unused when empty.</param>
    /// <param name="all">Also remove records that are shared or kept by default.</param>
    /// <param name="keepDuration">Keep what was used more recently than this.</param>
    /// <param name="cancellationToken">Stops pruning.</param>
    public async Task<IReadOnlyList<CacheRecord>> PruneAsync(
        IEnumerable<string>? filters = null,
        bool all = false,
        TimeSpan? keepDuration = null,
        CancellationToken cancellationToken = default)
    {
        var request = new PruneRequest { All = all, KeepDuration = keepDuration is { } keep ? (long)keep.TotalNanoseconds : 0 };
        request.Filter.AddRange(filters ?? []);
        try
        {
            using var call = Control.Prune(request, cancellationToken: cancellationToken);
            var removed = new List<CacheRecord>();
            await foreach (var record in call.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                removed.Add(ToRecord(record));
            }

            return removed;
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled)
        {
            throw Unreachable(Address, e);
        }
    }

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

    /// <summary>Builds <paramref name="definition"/> and exports its result to <paramref name="target"/>.</summary>
    /// <param name="definition">The LLB graph to export.</param>
    /// <param name="target">Where the result goes.</param>
    /// <param name="options">Progress, the client session (required for local and tar exports, and for pushes from a buildkitd).</param>
    /// <param name="cancellationToken">Cancels the build and the export.</param>
    /// <exception cref="BuildFailedException">The build, the export or the push failed.</exception>
    public async Task<ExportResult> ExportAsync(
        Definition definition,
        ExportTarget target,
        BuildSessionOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(target);
        options ??= new BuildSessionOptions();
        var session = options.ClientSession;
        switch (target)
        {
            case LocalExportTarget local:
                var directory = Path.GetFullPath(local.Directory);
                return await RequireSession(session, target).WithExportAsync(
                    new Session.ExportDestination(directory, null),
                    () => RunExportAsync(definition, options with { Exporter = "local" }, cancellationToken),
                    cancellationToken).ConfigureAwait(false);
            case TarExportTarget tar:
                var file = Path.GetFullPath(tar.File);
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                return await RequireSession(session, target).WithExportAsync(
                    new Session.ExportDestination(null, file),
                    () => RunExportAsync(definition, options with { Exporter = "tar" }, cancellationToken),
                    cancellationToken).ConfigureAwait(false);
            case ImageExportTarget image when Address.Kind == EngineKind.DockerEngine:
                var stored = await ExportToEngineStoreAsync(definition, options, image.Name, target.ImageConfig, cancellationToken).ConfigureAwait(false);
                return image.Push ? await PushAsync(image.Name, stored, session?.Auth ?? new RegistryAuth(), cancellationToken).ConfigureAwait(false) : stored;
            case ImageExportTarget image:
                var attributes = new Dictionary<string, string> { ["name"] = image.Name };
                if (image.Push)
                {
                    RequireSession(session, target);
                    attributes["push"] = "true";
                }

                return await RunExportAsync(definition, options with { Exporter = "image", ExporterAttributes = attributes }, cancellationToken, target.ImageConfig).ConfigureAwait(false);
            case DockerArchiveExportTarget archive when Address.Kind == EngineKind.DockerEngine:
                {
                    // The moby exporter only writes into the engine's store; the Engine API then saves it from there.
                    var saved = await ExportToEngineStoreAsync(definition, options, archive.Name, target.ImageConfig, cancellationToken).ConfigureAwait(false);
                    var path = Path.GetFullPath(archive.File);
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    using var docker = new DockerApi(Address.Uri);
                    await docker.SaveAsync(archive.Name, path, cancellationToken).ConfigureAwait(false);
                    return saved;
                }

            case DockerArchiveExportTarget archive:
                {
                    var path = Path.GetFullPath(archive.File);
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    return await RequireSession(session, target).WithExportAsync(
                        new Session.ExportDestination(null, path),
                        () => RunExportAsync(
                            definition,
                            options with { Exporter = "docker", ExporterAttributes = new Dictionary<string, string> { ["name"] = archive.Name } },
                            cancellationToken,
                            target.ImageConfig),
                        cancellationToken).ConfigureAwait(false);
                }

            default:
                throw new ArgumentException($"unknown export target {target.GetType().Name}", nameof(target));
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        channel.Dispose();
        return ValueTask.CompletedTask;
    }

    // The moby exporter writes the image into the Docker Engine's own store, under the name.
    private Task<ExportResult> ExportToEngineStoreAsync(
        Definition definition,
        BuildSessionOptions options,
        string name,
        ReadOnlyMemory<byte>? imageConfig,
        CancellationToken cancellationToken) =>
        RunExportAsync(
            definition,
            options with { Exporter = "moby", ExporterAttributes = new Dictionary<string, string> { ["name"] = name } },
            cancellationToken,
            imageConfig);

    private async Task<ExportResult> RunExportAsync(
        Definition definition,
        BuildSessionOptions options,
        CancellationToken cancellationToken,
        ReadOnlyMemory<byte>? imageConfig = null)
    {
        var build = await BuildSession.StartAsync(this, options, cancellationToken).ConfigureAwait(false);
        await using (build.ConfigureAwait(false))
        {
            var result = await build.SolveAsync(definition, evaluate: true, cancellationToken).ConfigureAwait(false);
            var metadata = imageConfig is { } config
                ? new Dictionary<string, ReadOnlyMemory<byte>> { ["containerimage.config"] = config }
                : null;
            var response = await build.CompleteWithAsync(result, metadata, cancellationToken).ConfigureAwait(false);
            return new ExportResult(response, response.TryGetValue("containerimage.digest", out var digest) ? digest : null);
        }
    }

    private async Task<ExportResult> PushAsync(string name, ExportResult stored, RegistryAuth auth, CancellationToken cancellationToken)
    {
        var (repository, tag) = ImageReference.SplitTag(name);
        var credentials = await auth.GetAsync(ImageReference.Registry(repository), cancellationToken).ConfigureAwait(false);
        using var docker = new DockerApi(Address.Uri);
        var pushed = await docker.PushAsync(repository, tag, ImageReference.EncodeRegistryAuth(credentials, ImageReference.Registry(repository)), cancellationToken)
            .ConfigureAwait(false);
        return stored with { ImageDigest = pushed ?? stored.ImageDigest };
    }

    private static ClientSession RequireSession(ClientSession? session, ExportTarget target) =>
        session ?? throw new ArgumentException($"a {target.GetType().Name} needs a client session (BuildSessionOptions.ClientSession)", nameof(target));

    private static CacheRecord ToRecord(UsageRecord r) =>
        new(r.ID, r.Size, r.InUse, r.Shared, r.RecordType, r.Description, r.LastUsedAt?.ToDateTimeOffset(), r.UsageCount);

    internal static IReadOnlyList<WorkerInfo> ToWorkers(IEnumerable<Protocol.Types.WorkerRecord> records) =>
        records.Select(r => new WorkerInfo(
                r.ID,
                r.Platforms.Select(FormatPlatform).ToList(),
                new SortedDictionary<string, string>(r.Labels, StringComparer.Ordinal)))
            .ToList();

    internal static string FormatPlatform(Llb.Pb.Platform p) =>
        string.IsNullOrEmpty(p.Variant) ? $"{p.OS}/{p.Architecture}" : $"{p.OS}/{p.Architecture}/{p.Variant}";

    internal static EngineConnectionException Unreachable(EngineAddress address, RpcException e)
    {
        // A failure to connect travels inside gRPC's exception; its own message is the one that helps.
        for (var inner = e.Status.DebugException; inner is not null; inner = inner.InnerException)
        {
            if (inner is EngineConnectionException connection)
            {
                return new EngineConnectionException(connection.Message, e);
            }

            if (inner is System.Security.Authentication.AuthenticationException tls)
            {
                return new EngineConnectionException($"TLS with {address.Uri} failed: {tls.Message}", e);
            }
        }

        return new EngineConnectionException($"the engine at {address.Uri} did not answer: {BuildErrorParser.Clean(e.Status.Detail)}", e);
    }

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

    private static async Task<NetworkMode> ChooseExecNetworkAsync(EngineAddress address, CancellationToken cancellationToken)
    {
        if (address.Kind != EngineKind.DockerEngine)
        {
            return NetworkMode.Sandbox;
        }

        using var docker = new DockerApi(address.Uri);
        try
        {
            return await docker.HasNetworkAsync("bridge", cancellationToken).ConfigureAwait(false) ? NetworkMode.Sandbox : NetworkMode.Host;
        }
        catch (HttpRequestException e)
        {
            throw new EngineConnectionException($"the Docker Engine at {address.Uri} did not answer: {e.Message}", e);
        }
    }
}
