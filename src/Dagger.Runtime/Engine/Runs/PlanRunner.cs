using System.Diagnostics;
using System.Reflection;
using Dagger.Runtime.BuildKit;
using Dagger.Runtime.Engine.Compilation;
using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Events;
using Dagger.Runtime.Engine.Plans;
using Dagger.Runtime.Engine.Scheduling;
using Dagger.Runtime.Engine.Solving;

namespace Dagger.Runtime.Engine.Runs;

/// <summary>
/// Runs a plan end to end: load it with its inputs, then compile and solve its tasks in one build session. Every
/// event goes to the caller with secrets hidden; the run ends with a <see cref="RunOutcome"/>, never an exception
/// (but for cancellation of a caller that gave up, and bugs).
/// </summary>
public static class PlanRunner
{
    // Long enough for a list of failed tests; a longer line is in the log tail whole.
    private const int MaxLastLine = 300;

    /// <summary>Runs <paramref name="request"/>, reporting every event to <paramref name="report"/>, the last one being
    /// <see cref="RunCompleted"/>.</summary>
    public static async Task<RunOutcome> RunAsync(RunRequest request, Action<RunEvent>? report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var redactor = RedactorFor(request);
        var sink = report ?? (_ => { });
        var gate = new object();
        void Emit(RunEvent e)
        {
            var hidden = redactor.Redact(e);
            lock (gate)
            {
                sink(hidden);
            }
        }

        var start = Stopwatch.GetTimestamp();
        var directory = Path.GetFullPath(request.PlanDirectory);
        var address = request.Engine ?? EngineDiscovery.Resolve(null);
        Emit(new RunStarted(directory, Describe(address), request.Platform?.ToString(), request.Version ?? RuntimeVersion, request.Command, request.Environment));

        RunOutcome outcome;
        try
        {
            outcome = await RunLoadedAsync(request, address, Emit, cancellationToken).ConfigureAwait(false);
        }
        catch (DaggerException e)
        {
            var error = e.ToError();
            Emit(new Diagnostic(error));
            outcome = new RunOutcome { Result = RunResult.Failure, ExitCode = e.ExitCode, Duration = TimeSpan.Zero, Error = error };
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested
            && e is OperationCanceledException or Grpc.Core.RpcException { StatusCode: Grpc.Core.StatusCode.Cancelled })
        {
            // gRPC reports a call the caller cancelled as its own exception, not as OperationCanceledException.
            outcome = Cancelled();
        }
        catch (EngineConnectionLostException e)
        {
            // Lost between two solves (a new session could not connect): the same failure as during one.
            var error = new DaggerException(ErrorCodes.EngineLost, Message.Format(Messages.EngineConnectionLost, e.Message), null, e).ToError();
            Emit(new Diagnostic(error));
            outcome = new RunOutcome { Result = RunResult.Failure, ExitCode = ErrorCodes.EngineLost.ExitCode, Duration = TimeSpan.Zero, Error = error };
        }
#pragma warning disable CA1031 // A bug must still end the run's event stream, with its code, for the front doors that read it.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            var error = new DaggerException(ErrorCodes.Internal, Message.Format(Messages.RunInternalError, e.GetType().Name, e.Message), null, e).ToError();
            Emit(new Diagnostic(error));
            outcome = new RunOutcome { Result = RunResult.Failure, ExitCode = ErrorCodes.Internal.ExitCode, Duration = TimeSpan.Zero, Error = error };
        }

        outcome = redactor.Redact(outcome with { Duration = Stopwatch.GetElapsedTime(start) });
        if (request.Record is { } record)
        {
            try
            {
                // Not cancellable: a run that was interrupted is recorded as such.
                await record(outcome, CancellationToken.None).ConfigureAwait(false);
            }
            catch (DaggerException e)
            {
                // A run whose result could not be kept (a full disk, a read-only folder) did not succeed, and
                // run.completed says so: the front doors read their verdict from it.
                var error = e.ToError();
                Emit(new Diagnostic(error));
                if (outcome.Result == RunResult.Success)
                {
                    outcome = outcome with { Result = RunResult.Failure, ExitCode = e.ExitCode, Error = redactor.Redact(error) };
                }
            }
        }

        Emit(new RunCompleted(outcome));
        return outcome;
    }

    private static async Task<RunOutcome> RunLoadedAsync(RunRequest request, EngineAddress? address, Action<RunEvent> emit, CancellationToken cancellationToken)
    {
        // The connection and the client session are made while CUE loads the plan; a plan that does not load is
        // reported first.
        using var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connecting.CancelAfter(request.EngineTimeout);
        // On the thread pool from their first line: both do a good deal of synchronous set-up (the gRPC channel, the
        // session's web host) that would otherwise run on this thread before the load starts.
        var connection = address is null ? null : Task.Run(() => ConnectAsync(address, request.EngineTimeout, connecting.Token), CancellationToken.None);
        var session = address is null || connection is null ? null : Task.Run(() => ClientSession.StartAsync(address, connection, cancellationToken: connecting.Token), CancellationToken.None);
        CuePlan plan;
        var phase = Stopwatch.GetTimestamp();
        try
        {
            plan = PlanLoader.Load(request.PlanDirectory, request.Inputs, new PlanLayers { Package = request.Package });
            if (request.Target is not null)
            {
                _ = new TargetPlan(plan, request.Target).Checked();
            }
        }
        catch
        {
            await connecting.CancelAsync().ConfigureAwait(false);
            await DisposeQuietlyAsync(session).ConfigureAwait(false);
            await DisposeQuietlyAsync(connection).ConfigureAwait(false);
            throw;
        }

        if (address is null || connection is null || session is null)
        {
            throw NoEngine();
        }

        var load = Stopwatch.GetElapsedTime(phase);
        phase = Stopwatch.GetTimestamp();
        bool TimedOut() => connecting.IsCancellationRequested && !cancellationToken.IsCancellationRequested;
        DaggerException NotAnswered(Exception e) =>
            new(ErrorCodes.EngineUnreachable, BuildKitClient.NotAnswered(address, request.EngineTimeout, e).Message, null, e);
        BuildKitClient client;
        try
        {
            client = await connection.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await DisposeQuietlyAsync(session).ConfigureAwait(false);
            if (e is not DaggerException && TimedOut())
            {
                throw NotAnswered(e);
            }

            throw;
        }

        await using var clientToDispose = client;
        ClientSession clientSession;
        try
        {
            clientSession = await session.ConfigureAwait(false);
        }
        catch (Exception e) when (TimedOut())
        {
            throw NotAnswered(e);
        }
        catch (Exception e) when (EngineLost(e, cancellationToken) is { } lost)
        {
            throw lost;
        }

        // Connected: the bound was on answering at all, not on the run.
        connecting.CancelAfter(Timeout.InfiniteTimeSpan);

        await using var sessionToDispose = clientSession;
        var phases = RunPhases.None with { Load = load, Connect = Stopwatch.GetElapsedTime(phase) };
        var vertices = new VertexTable();
        ProgressTracker? tracker = null;
        TaskFailed? failure = null;
        void OnEvent(RunEvent e)
        {
            switch (e)
            {
                case TaskCompleted completed:
                    e = completed with { Cached = tracker!.AllCached(completed.Path) };
                    break;
                case TaskFailed failed:
                    var tail = tracker!.Tail(failed.Op);
                    var told = failed with { Error = WithLastLine(failed, tail), LogTail = tail };
                    Interlocked.CompareExchange(ref failure, told, null);
                    e = told;
                    break;
            }

            emit(e);
        }

        tracker = new ProgressTracker(vertices, emit, RedactorFor(request));
        RunReport report;
        try
        {
            (report, phases) = await RunOnEngineAsync(request, plan, client, clientSession, vertices, tracker, OnEvent, phases, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (EngineLost(e, cancellationToken) is { } lost)
        {
            throw lost;
        }

        return Outcome(request, plan, report, failure) with { Phases = phases };
    }

    // A command's last line is most often its own account of what failed (a test runner's failed tests, make's target,
    // a compiler's error count): the one-line error that front doors show carries it, not only the log tail.
    private static DaggerError WithLastLine(TaskFailed failed, IReadOnlyList<string> tail)
    {
        var last = tail.LastOrDefault(line => !string.IsNullOrWhiteSpace(line))?.Trim();
        if (failed.CommandExitCode is null || last is null)
        {
            return failed.Error;
        }

        if (last.Length > MaxLastLine)
        {
            last = string.Concat(last.AsSpan(0, MaxLastLine - 1), "…");
        }

        return failed.Error with { Message = Message.Format(Messages.ExitedWithLastLine, failed.Error.Message, last) };
    }

    private static async Task<(RunReport Report, RunPhases Phases)> RunOnEngineAsync(
        RunRequest request, CuePlan plan, BuildKitClient client, ClientSession clientSession, VertexTable vertices, ProgressTracker tracker, Action<RunEvent> emit, RunPhases phases, CancellationToken cancellationToken)
    {
        var phase = Stopwatch.GetTimestamp();
        foreach (var secret in request.Inputs.OfType<SecretInput>())
        {
            clientSession.SetSecret(secret.Id, System.Text.Encoding.UTF8.GetBytes(secret.Value));
        }

        foreach (var socket in request.Inputs.OfType<SocketInput>())
        {
            clientSession.AddSocket(socket.Id, socket.Socket);
        }

        var options = new BuildSessionOptions { ClientSession = clientSession, OnEvent = tracker.OnBuildEvent };
        await using var build = await RenewableBuild.StartAsync(ct => client.StartBuildAsync(options, ct), cancellationToken).ConfigureAwait(false);

        phases = phases with { Session = Stopwatch.GetElapsedTime(phase) };
        phase = Stopwatch.GetTimestamp();
        var registered = new HashSet<string>(StringComparer.Ordinal);
        using var imageServices = new BuildKitImageServices(client, build, clientSession, vertices, tracker.OnBuildEvent);
        var compiler = new PipelineCompiler(
            new CompileOptions { ExecNetwork = client.ExecNetwork, NoCache = request.NoCache, Platform = request.Platform, SessionId = clientSession.Id },
            new BuildKitImageResolver(build),
            dir =>
            {
                if (registered.Add(dir))
                {
                    clientSession.AddDirectory(dir, new LocalDirectory(dir));
                }
            },
            imageServices);
        IPlan scheduled = request.Target is null ? plan : new TargetPlan(plan, request.Target);
        var scheduler = new Scheduler(scheduled, compiler, new BuildKitSolver(build, vertices, emit), new SchedulerOptions { SolvePerOp = request.SolvePerOp }, emit);
        var report = await scheduler.RunAsync(cancellationToken).ConfigureAwait(false);
        phases = phases with { Tasks = Stopwatch.GetElapsedTime(phase) };
        phase = Stopwatch.GetTimestamp();
        if (report.Failure is null && !report.Cancelled)
        {
            await build.Current.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        return (report, phases with { Finish = Stopwatch.GetElapsedTime(phase) });
    }

    private static RunOutcome Outcome(RunRequest request, CuePlan plan, RunReport report, TaskFailed? failure)
    {
        var tasks = report.Tasks;
        var counts = new RunCounts(
            tasks.Count,
            tasks.Count(t => t.Status == TaskState.Computed),
            tasks.Count(t => t.Status == TaskState.Skipped),
            tasks.Count(t => t.Status == TaskState.Failed),
            tasks.Count(t => t.Status == TaskState.Cancelled),
            report.Solves,
            report.Waves,
            // Loading the plan evaluates it once: a fill of its own.
            report.Fills + 1);
        var result = report.Cancelled ? RunResult.Cancelled : report.Failure is null ? RunResult.Success : RunResult.Failure;
        var error = report.Cancelled
            ? new DaggerError(ErrorCodes.Cancelled, "the run was cancelled", null) { ExitCode = ExitCodes.Cancelled }
            : failure is not null
                ? failure.Error
                : report.Failure?.ToError() is { } reported && tasks.FirstOrDefault(t => t.Status == TaskState.Failed) is { } failed
                    ? reported with { Task = failed.Path, Span = reported.Span ?? failed.Span }
                    : report.Failure?.ToError();
        return new RunOutcome
        {
            Result = result,
            ExitCode = error?.ExitCode ?? ExitCodes.Ok,
            Duration = TimeSpan.Zero,
            Counts = counts,
            Outputs = PlanOutputs.Find(plan.Root),
            Tasks = tasks,
            Error = error,
            ComputedJson = request.WithComputedJson ? ComputedJson.Render(plan.Root) : null,
        };
    }

    private static RunOutcome Cancelled() => new()
    {
        Result = RunResult.Cancelled,
        ExitCode = ExitCodes.Cancelled,
        Duration = TimeSpan.Zero,
        Error = new DaggerError(ErrorCodes.Cancelled, "the run was cancelled", null) { ExitCode = ExitCodes.Cancelled },
    };

    private static async Task<BuildKitClient> ConnectAsync(EngineAddress address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await BuildKitClient.ConnectAsync(address, new BuildKitClientOptions { ConnectTimeout = timeout }, cancellationToken).ConfigureAwait(false);
        }
        catch (EngineConnectionException e)
        {
            throw new DaggerException(ErrorCodes.EngineUnreachable, e.Message, null, e);
        }
    }

    // The engine went away: it stopped answering, or the connection broke.
    private static DaggerException? EngineLost(Exception e, CancellationToken cancellationToken) => e switch
    {
        _ when cancellationToken.IsCancellationRequested => null,
        Grpc.Core.RpcException { StatusCode: Grpc.Core.StatusCode.Unavailable or Grpc.Core.StatusCode.Internal } rpc =>
            new DaggerException(ErrorCodes.EngineLost, Message.Format(Messages.EngineStoppedAnswering, rpc.Status.Detail), null, e),
        IOException => new DaggerException(ErrorCodes.EngineLost, Message.Format(Messages.EngineConnectionLost, e.Message), null, e),
        _ => null,
    };


    private static async Task DisposeQuietlyAsync<T>(Task<T>? connection)
        where T : IAsyncDisposable
    {
        if (connection is null)
        {
            return;
        }

        try
        {
            await (await connection.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Whatever the cancelled connection ended with, the plan's own error is the one to report.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static DaggerException NoEngine() => new(
        ErrorCodes.EngineUnreachable,
        Messages.NoEngineFound);

    /// <summary>The engine's address as events show it.</summary>
    public static string Describe(EngineAddress? address) => address switch
    {
        null => "none",
        { Kind: EngineKind.DockerEngine, Uri: var uri } when !uri.StartsWith("docker", StringComparison.Ordinal) => "docker+" + uri,
        _ => address.Uri,
    };

    private static string RuntimeVersion =>
        (typeof(PlanRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    /// <summary>What hides the secrets of <paramref name="request"/> in its events and messages.</summary>
    public static SecretRedactor RedactorFor(RunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new SecretRedactor(request.Inputs.OfType<SecretInput>().Select(s => s.Value));
    }

    /// <summary>
    /// Compiles every task that can be compiled before anything runs, without solving anything: the task graph and the
    /// LLB of each pipeline. Images are resolved through the engine, for their configuration.
    /// </summary>
    /// <exception cref="DaggerException">The plan does not load, an op is invalid, or the engine cannot be reached.</exception>
    public static async Task<DryRunDocument> DryRunAsync(RunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var plan = PlanLoader.Load(request.PlanDirectory, request.Inputs, new PlanLayers { Package = request.Package });
        var address = request.Engine ?? EngineDiscovery.Resolve(null) ?? throw NoEngine();
        await using var client = await ConnectAsync(address, request.EngineTimeout, cancellationToken).ConfigureAwait(false);
        await using var build = await client.StartBuildAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var compiler = new PipelineCompiler(
            new CompileOptions { ExecNetwork = client.ExecNetwork, NoCache = request.NoCache, Platform = request.Platform },
            new BuildKitImageResolver(build));
        var tasks = await new Scheduler(plan, compiler, new NoSolver()).DryRunAsync(cancellationToken).ConfigureAwait(false);
        await build.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return new DryRunDocument(tasks);
    }

    private sealed class NoSolver : ISolver
    {
        public Task<IReadOnlyList<byte[]>> SolveAsync(IReadOnlyList<FileRead> reads, IReadOnlyList<Llb.State> effects, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("a dry run solves nothing");
    }
}
