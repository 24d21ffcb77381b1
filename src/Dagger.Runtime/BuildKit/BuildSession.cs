using Dagger.Runtime.BuildKit.Protocol.Gateway;
using Dagger.Runtime.Llb;
using Dagger.Runtime.Llb.Pb;
using Grpc.Core;
using ControlSolveRequest = Dagger.Runtime.BuildKit.Protocol.Control.SolveRequest;
using ControlSolveResponse = Dagger.Runtime.BuildKit.Protocol.Control.SolveResponse;
using RpcStatus = Dagger.Runtime.BuildKit.Protocol.Rpc.Status;
using StatusRequest = Dagger.Runtime.BuildKit.Protocol.Control.StatusRequest;

namespace Dagger.Runtime.BuildKit;

/// <summary>
/// One build on the engine, driven through the gateway: any number of concurrent solves and file reads inside it,
/// with one progress stream. A run uses one. Always end it with <see cref="CompleteAsync"/> or by disposing it: the
/// engine keeps the build open until it is told the result.
/// </summary>
public sealed class BuildSession : IAsyncDisposable
{
    /// <summary>The metadata key that ties gateway calls to their build.</summary>
    internal const string BuildIdHeader = "buildkit-controlapi-buildid";

    // How long a failed call waits for the status stream to say which vertex failed.
    private static readonly TimeSpan FailedVertexWait = TimeSpan.FromSeconds(2);

    // Attempts of a gateway call that BuildKit failed for transient reasons.
    private const int MaxAttempts = 5;

    private readonly BuildKitClient client;
    private readonly CancellationTokenSource lifetime = new();
    private readonly Metadata headers;
    private readonly VertexTracker vertices = new();
    private readonly Action<BuildEvent>? onEvent;
    private readonly SemaphoreSlim reads;
    private Task<ControlSolveResponse> controlSolve = Task.FromResult(new ControlSolveResponse());
    private Task statusReader = Task.CompletedTask;
    private int returned;
    private int disposed;

    private BuildSession(BuildKitClient client, string id, Action<BuildEvent>? onEvent, int maxConcurrentReads)
    {
        reads = new SemaphoreSlim(Math.Max(1, maxConcurrentReads));
        this.client = client;
        Id = id;
        this.onEvent = onEvent;
        headers = new Metadata { { BuildIdHeader, id } };
    }

    /// <summary>The build's reference, as the engine knows it.</summary>
    public string Id { get; }

    /// <summary>What the engine can do, read when the session started.</summary>
    public EngineCapabilities Capabilities { get; private set; } = null!;

    internal static async Task<BuildSession> StartAsync(BuildKitClient client, BuildSessionOptions options, CancellationToken cancellationToken)
    {
        var session = new BuildSession(client, Identifiers.New(), options.OnEvent, options.MaxConcurrentReads);
        var request = new ControlSolveRequest
        {
            Ref = session.Id,
            Session = options.ClientSession?.Id ?? string.Empty,
            Exporter = options.Exporter ?? string.Empty,
        };
        foreach (var (key, value) in options.ExporterAttributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            request.ExporterAttrs.Add(key, value);
        }

        request.Entitlements.AddRange(options.Entitlements);
        if (client.ExecNetwork == NetworkMode.Host && !request.Entitlements.Contains(Entitlements.NetworkHost))
        {
            request.Entitlements.Add(Entitlements.NetworkHost);
        }

        // Status first, so no event is missed; both run until the build ends.
        session.statusReader = session.ReadStatusAsync(session.lifetime.Token);
        session.controlSolve = client.Control.SolveAsync(request, cancellationToken: session.lifetime.Token).ResponseAsync;
        using var pingCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            var ping = client.Gateway.PingAsync(new PingRequest(), session.headers, cancellationToken: pingCancel.Token).ResponseAsync;
            // A build the engine refuses (an entitlement it does not allow, say) ends Control.Solve at once, while
            // the gateway would only time out looking for it: the refusal is the error to report.
            if (await Task.WhenAny(ping, session.controlSolve).ConfigureAwait(false) == session.controlSolve && !ping.IsCompleted)
            {
                await pingCancel.CancelAsync().ConfigureAwait(false);
                throw await session.RefusalAsync().ConfigureAwait(false);
            }

            var pong = await ping.ConfigureAwait(false);
            session.Capabilities = new EngineCapabilities(
                BuildKitClient.ToWorkers(pong.Workers),
                pong.FrontendAPICaps.Where(c => c.Enabled).Select(c => c.ID).ToHashSet(StringComparer.Ordinal),
                pong.LLBCaps.Where(c => c.Enabled).Select(c => c.ID).ToHashSet(StringComparer.Ordinal),
                client.Address.Kind == EngineKind.DockerEngine ? ["moby", "local", "tar"] : ["image", "oci", "docker", "local", "tar"],
                client.ExecNetwork);
            return session;
        }
        catch (Exception e)
        {
            await session.DisposeAsync().ConfigureAwait(false);
            if (e is BuildFailedException or EngineConnectionLostException)
            {
                throw;
            }

            if (e is RpcException rpc && rpc.StatusCode != StatusCode.Cancelled)
            {
                throw BuildKitClient.Unreachable(client.Address, rpc);
            }

            throw;
        }
    }

    /// <summary>Solves a definition and returns a reference to its result.</summary>
    /// <param name="definition">The LLB graph; its last op points at the result.</param>
    /// <param name="evaluate">
    /// Build now, so failures surface here. Without it the engine builds lazily, when the result is first read.
    /// </param>
    /// <param name="cancellationToken">Abandons the call; the build itself goes on until the session ends.</param>
    /// <exception cref="BuildFailedException">The build failed; the exception names the vertex when the engine did.</exception>
    public async Task<SolveResult> SolveAsync(Definition definition, bool evaluate = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        vertices.Register(definition);
        var request = new SolveRequest
        {
            Definition = definition,
            AllowResultReturn = true,
            AllowResultArrayRef = true,
            Evaluate = evaluate,
        };
        var response = await CallAsync(c => client.Gateway.SolveAsync(request, headers, cancellationToken: c), cancellationToken).ConfigureAwait(false);
        var result = response.Result;
        return result?.ResultCase switch
        {
            Result.ResultOneofCase.Ref => new SolveResult(result.Ref.Id),
            _ => throw new BuildFailedException("the engine returned no single result for the solve"),
        };
    }

    /// <summary>Solves a definition marshalled by the LLB model; see <see cref="SolveAsync(Definition, bool, CancellationToken)"/>.</summary>
    public Task<SolveResult> SolveAsync(LlbDefinition definition, bool evaluate = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return SolveAsync(definition.ToProto(), evaluate, cancellationToken);
    }

    /// <summary>
    /// Runs a frontend (such as <c>dockerfile.v0</c>) lazily: it produces the graph of its result, which is built only
    /// when read or solved again, and the result's metadata (such as the image config).
    /// </summary>
    /// <param name="frontend">The frontend's name.</param>
    /// <param name="options">Its options.</param>
    /// <param name="inputs">Its named inputs.</param>
    /// <param name="cancellationToken">Abandons the call.</param>
    /// <exception cref="BuildFailedException">The frontend failed, or gave several results (one per platform).</exception>
    public async Task<FrontendResult> SolveFrontendAsync(
        string frontend,
        IReadOnlyDictionary<string, string> options,
        IReadOnlyDictionary<string, LlbDefinition> inputs,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(frontend);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(inputs);
        var request = new SolveRequest { Frontend = frontend, AllowResultReturn = true, AllowResultArrayRef = true };
        foreach (var (key, value) in options.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            request.FrontendOpt.Add(key, value);
        }

        foreach (var (name, definition) in inputs.OrderBy(i => i.Key, StringComparer.Ordinal))
        {
            var proto = definition.ToProto();
            vertices.Register(proto);
            request.FrontendInputs.Add(name, proto);
        }

        var response = await CallAsync(c => client.Gateway.SolveAsync(request, headers, cancellationToken: c), cancellationToken).ConfigureAwait(false);
        var result = response.Result;
        if (result?.ResultCase != Result.ResultOneofCase.Ref)
        {
            throw new BuildFailedException($"the {frontend} frontend gave {(result?.ResultCase == Result.ResultOneofCase.Refs ? "several results (one per platform)" : "no result")} where one was expected");
        }

        var graph = result.Ref.Def is { } def ? LlbDefinition.FromProto(def) : null;
        if (graph is not null)
        {
            vertices.Register(result.Ref.Def);
        }

        var metadata = result.Metadata.ToDictionary(m => m.Key, m => (ReadOnlyMemory<byte>)m.Value.ToByteArray(), StringComparer.Ordinal);
        return new FrontendResult(new SolveResult(result.Ref.Id), graph, metadata);
    }

    /// <summary>Reads a file (or a range of it) from a result.</summary>
    public async Task<ReadOnlyMemory<byte>> ReadFileAsync(
        SolveResult result,
        string path,
        long offset = 0,
        long? length = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var request = new ReadFileRequest { Ref = result.RefId, FilePath = path };
        if (offset != 0 || length is not null)
        {
            request.Range = new FileRange { Offset = offset, Length = length ?? 0 };
        }

        var response = await ReadAsync(c => client.Gateway.ReadFileAsync(request, headers, cancellationToken: c), cancellationToken).ConfigureAwait(false);
        return response.Data.Memory;
    }

    /// <summary>Lists a directory of a result.</summary>
    /// <param name="result">The result to read.</param>
    /// <param name="path">The directory.</param>
    /// <param name="includePattern">A glob the entries must match, or null for all.</param>
    /// <param name="cancellationToken">Abandons the call.</param>
    public async Task<IReadOnlyList<FileStat>> ReadDirAsync(
        SolveResult result,
        string path,
        string? includePattern = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var request = new ReadDirRequest { Ref = result.RefId, DirPath = path, IncludePattern = includePattern ?? string.Empty };
        var response = await ReadAsync(c => client.Gateway.ReadDirAsync(request, headers, cancellationToken: c), cancellationToken).ConfigureAwait(false);
        return response.Entries.Select(FileStat.FromWire).ToList();
    }

    /// <summary>Describes one file of a result.</summary>
    public async Task<FileStat> StatFileAsync(SolveResult result, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var request = new StatFileRequest { Ref = result.RefId, Path = path };
        var response = await ReadAsync(c => client.Gateway.StatFileAsync(request, headers, cancellationToken: c), cancellationToken).ConfigureAwait(false);
        return FileStat.FromWire(response.Stat);
    }

    /// <summary>Resolves an image reference to its digest and configuration (local store first on a Docker Engine).</summary>
    /// <param name="imageRef">The image, as in <c>alpine:3.12</c>.</param>
    /// <param name="platform">The platform wanted, or null for the engine's.</param>
    /// <param name="cancellationToken">Abandons the call.</param>
    public async Task<ImageConfigResult> ResolveImageConfigAsync(string imageRef, Llb.Pb.Platform? platform = null, CancellationToken cancellationToken = default)
    {
        var request = new ResolveImageConfigRequest { Ref = imageRef, Platform = platform, ResolveMode = "default", LogName = "resolve image config for " + imageRef };
        var response = await CallAsync(c => client.Gateway.ResolveImageConfigAsync(request, headers, cancellationToken: c), cancellationToken).ConfigureAwait(false);
        return new ImageConfigResult(response.Digest, response.Config.Memory);
    }

    /// <summary>Ends the build successfully and waits for the engine to close it and for the last progress events.</summary>
    public Task CompleteAsync(CancellationToken cancellationToken = default) =>
        FinishAsync(new Result(), cancellationToken);

    /// <summary>
    /// Ends the build with <paramref name="result"/> as its result, which the session's exporter (if any) exports,
    /// and returns the exporter's response.
    /// </summary>
    /// <param name="result">The result to export.</param>
    /// <param name="metadata">Metadata for the exporter, such as <c>containerimage.config</c>.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    internal Task<IReadOnlyDictionary<string, string>> CompleteWithAsync(
        SolveResult result,
        IReadOnlyDictionary<string, ReadOnlyMemory<byte>>? metadata,
        CancellationToken cancellationToken)
    {
        var returned = new Result { Ref = new Ref { Id = result.RefId } };
        foreach (var (key, value) in metadata ?? new Dictionary<string, ReadOnlyMemory<byte>>())
        {
            returned.Metadata.Add(key, Google.Protobuf.ByteString.CopyFrom(value.Span));
        }

        return FinishAsync(returned, cancellationToken);
    }

    private async Task<IReadOnlyDictionary<string, string>> FinishAsync(Result result, CancellationToken cancellationToken)
    {
        await ReturnAsync(new ReturnRequest { Result = result }, cancellationToken).ConfigureAwait(false);
        ControlSolveResponse response;
        try
        {
            response = await controlSolve.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled)
        {
            throw await FailureAsync(e).ConfigureAwait(false);
        }

        await statusReader.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new SortedDictionary<string, string>(response.ExporterResponse, StringComparer.Ordinal);
    }

    /// <summary>
    /// Ends the build if it is still open (telling the engine it was cancelled), and stops its progress stream.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        if (Volatile.Read(ref returned) == 0)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                var cancelled = new RpcStatus { Code = (int)StatusCode.Cancelled, Message = "the build was cancelled" };
                await ReturnAsync(new ReturnRequest { Result = new Result(), Error = cancelled }, timeout.Token).ConfigureAwait(false);
                await controlSolve.WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is RpcException or OperationCanceledException or TimeoutException)
            {
                // The build is being torn down: whatever state it is in, cancelling the calls below ends it.
            }
        }

        await lifetime.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(controlSolve, statusReader).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RpcException or OperationCanceledException)
        {
            // Ending the calls is what was asked for.
        }

        lifetime.Dispose();
        reads.Dispose();
    }

    private async Task ReturnAsync(ReturnRequest request, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref returned, 1) != 0)
        {
            return;
        }

        try
        {
            await client.Gateway.ReturnAsync(request, headers, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled)
        {
            // The build is already over (it failed, or the engine dropped it): Control.Solve has the reason.
            if (!controlSolve.IsCompleted)
            {
                throw await FailureAsync(e).ConfigureAwait(false);
            }
        }
    }

    // BuildKit serves many simultaneous reads of one result poorly (its call deduplication times out), so reads
    // queue here; solves do not, since one may run for minutes.
    private async Task<T> ReadAsync<T>(Func<CancellationToken, AsyncUnaryCall<T>> call, CancellationToken cancellationToken)
    {
        await reads.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await CallAsync(call, cancellationToken, retryContention: true).ConfigureAwait(false);
        }
        finally
        {
            reads.Release();
        }
    }

    // A read that failed for contention can be made again in this build; a solve cannot, since the build keeps the
    // failed vertex failed (see BuildError.IsContention).
    private async Task<T> CallAsync<T>(Func<CancellationToken, AsyncUnaryCall<T>> call, CancellationToken cancellationToken, bool retryContention = false)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.Token);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await call(linked.Token).ResponseAsync.ConfigureAwait(false);
                }
                catch (RpcException e) when (retryContention && attempt < MaxAttempts && IsTransient(e))
                {
                    // Many concurrent reads of one result can make BuildKit's call deduplication give up; the
                    // calls are idempotent, so they are simply made again.
                    await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt), linked.Token).ConfigureAwait(false);
                }
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("the call was cancelled", e, cancellationToken);
        }
        catch (RpcException e) when (ConnectionLost(e) is { } reason)
        {
            throw new EngineConnectionLostException(reason, e);
        }
        catch (RpcException e)
        {
            throw await FailureAsync(e).ConfigureAwait(false);
        }
    }

    // The transport's own words when a call failed because the connection broke (the engine went away mid-build),
    // rather than because the engine answered with an error.
    private static string? ConnectionLost(RpcException e)
    {
        if (e.Status.DebugException is { } transport && transport is HttpRequestException or IOException)
        {
            var inner = transport;
            while (inner.InnerException is { } next)
            {
                inner = next;
            }

            return inner.Message;
        }

        return e.StatusCode == StatusCode.Unavailable ? e.Status.Detail : null;
    }

    private async Task<Exception> RefusalAsync()
    {
        try
        {
            await controlSolve.ConfigureAwait(false);
            return new BuildFailedException("the engine ended the build before it started");
        }
        catch (RpcException e) when (ConnectionLost(e) is { } reason)
        {
            return new EngineConnectionLostException(reason, e);
        }
        catch (RpcException e)
        {
            return new BuildFailedException(BuildErrorParser.Parse(e), null, e);
        }
    }

    private static bool IsTransient(RpcException e) =>
        e.Status.Detail.Contains("flightcontrol: exceeded retry timeout", StringComparison.Ordinal);

    private async Task<Exception> FailureAsync(RpcException e)
    {
        if (ConnectionLost(e) is { } reason)
        {
            return new EngineConnectionLostException(reason, e);
        }

        var error = BuildErrorParser.Parse(e);
        var vertex = error.VertexDigest is { } digest
            ? vertices.Describe(digest)
            : await vertices.FindFailedAsync(error.Message, FailedVertexWait, lifetime.Token).ConfigureAwait(false);
        return new BuildFailedException(error with { VertexDigest = vertex?.Digest }, vertex, e);
    }

    private void Publish(List<BuildEvent> events)
    {
        if (onEvent is null)
        {
            return;
        }

        foreach (var e in events)
        {
            onEvent(e);
        }
    }

    private async Task ReadStatusAsync(CancellationToken cancellationToken)
    {
        // Let the caller's StartAsync go on; the stream is read in the background.
        await Task.Yield();
        try
        {
            using var call = client.Control.Status(new StatusRequest { Ref = Id }, cancellationToken: cancellationToken);
            await foreach (var status in call.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                Publish(vertices.Apply(status));
            }

            Publish(vertices.Flush());
        }
        catch (RpcException)
        {
            // The stream ends with the build, and a failed build is reported through Solve, not here.
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The session was disposed.
        }
        finally
        {
            vertices.Close();
        }
    }
}
