using Dagger.Runtime.BuildKit;
using Dagger.Runtime.Engine.Compilation;
using Dagger.Runtime.Engine.Events;
using Dagger.Runtime.Engine.Plans;
using Dagger.Runtime.Engine.Scheduling;
using Dagger.Runtime.Engine.Solving;

namespace Dagger.Runtime.Engine.Runs;

/// <summary>Runs a plan end to end: load it with its inputs, then compile and solve its tasks in one build session.</summary>
public static partial class PlanRunner
{
    /// <summary>Runs <paramref name="request"/>, reporting progress to <paramref name="report"/>.</summary>
    /// <exception cref="PlanException">The plan or an input is invalid, or an exported value does not fit.</exception>
    /// <exception cref="OpException">An op is invalid.</exception>
    /// <exception cref="BuildFailedException">The engine failed to build something.</exception>
    /// <exception cref="EngineConnectionException">No engine can be reached.</exception>
    public static async Task<RunResult> RunAsync(RunRequest request, Action<EngineEvent>? report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var redactor = RedactorFor(request);
        var sink = report ?? (_ => { });
        report = e => sink(redactor.Redact(e));
        var plan = PlanLoader.Load(request.PlanDirectory, request.Inputs);
        var address = request.Engine ?? EngineDiscovery.Resolve(null)
            ?? throw new EngineConnectionException("no engine found: set BUILDKIT_HOST or DOCKER_HOST, or start a Docker Engine (scripts/engine does)");

        await using var client = await BuildKitClient.ConnectAsync(address, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var clientSession = await ClientSession.StartAsync(client, cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var secret in request.Inputs.OfType<SecretInput>())
        {
            clientSession.SetSecret(secret.Id, System.Text.Encoding.UTF8.GetBytes(secret.Value));
        }

        foreach (var socket in request.Inputs.OfType<SocketInput>())
        {
            clientSession.AddSocket(socket.Id, socket.Socket);
        }

        await using var build = await client.StartBuildAsync(
            new BuildSessionOptions { ClientSession = clientSession, OnEvent = e => report(new BuildProgress(e)) },
            cancellationToken).ConfigureAwait(false);

        var registered = new HashSet<string>(StringComparer.Ordinal);
        using var imageServices = new BuildKitImageServices(client, build, clientSession, e => report(new BuildProgress(e)));
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
        var scheduler = new Scheduler(plan, compiler, new BuildKitSolver(build), new SchedulerOptions { SolvePerOp = request.SolvePerOp }, report);
        RunReport result;
        try
        {
            result = await scheduler.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (BuildFailedException e)
        {
            throw Attribute(e, compiler, redactor);
        }

        await build.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return new RunResult(plan, result);
    }

    /// <summary>What hides the secrets of <paramref name="request"/> in its events and messages.</summary>
    public static SecretRedactor RedactorFor(RunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new SecretRedactor(request.Inputs.OfType<SecretInput>().Select(s => s.Value));
    }

    /// <summary>
    /// Compiles every task that can be compiled before anything runs, without solving anything. Images are resolved
    /// through the engine, for their configuration.
    /// </summary>
    public static async Task<IReadOnlyList<DryRunTask>> DryRunAsync(RunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var plan = PlanLoader.Load(request.PlanDirectory, request.Inputs);
        var address = request.Engine ?? EngineDiscovery.Resolve(null)
            ?? throw new EngineConnectionException("no engine found: set BUILDKIT_HOST or DOCKER_HOST, or start a Docker Engine (scripts/engine does)");
        await using var client = await BuildKitClient.ConnectAsync(address, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var build = await client.StartBuildAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var compiler = new PipelineCompiler(
            new CompileOptions { ExecNetwork = client.ExecNetwork, NoCache = request.NoCache, Platform = request.Platform },
            new BuildKitImageResolver(build));
        var tasks = await new Scheduler(plan, compiler, new NoSolver()).DryRunAsync(cancellationToken).ConfigureAwait(false);
        await build.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return tasks;
    }

    private sealed class NoSolver : ISolver
    {
        public Task<IReadOnlyList<byte[]>> SolveAsync(IReadOnlyList<FileRead> reads, IReadOnlyList<Llb.State> effects, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("a dry run solves nothing");
    }

    // The failing vertex's name carries the op's path; the compiler knows its position.
    private static RunFailedException Attribute(BuildFailedException e, PipelineCompiler compiler, SecretRedactor redactor)
    {
        var message = redactor.Redact(e.Error?.Message ?? e.Message);
        var name = e.Vertex?.DisplayName;
        if (VertexName.TryParse(name, out var path, out var description))
        {
            var op = compiler.SourceOf(path) ?? new Ops.OpSource(path);
            return new RunFailedException(op, $"{description}: {WithoutCommand(message, e.ExitCode)}", e.ExitCode, e);
        }

        return new RunFailedException(null, name is null ? message : $"{name}: {message}", e.ExitCode, e);
    }

    // BuildKit repeats the command that the op's description already shows: "executor failed running [sh -c …]: exit
    // code: 3" reads "exited with code 3" after it.
    private static string WithoutCommand(string message, int? exitCode)
    {
        var match = ExecutorFailed().Match(message);
        if (!match.Success)
        {
            return message;
        }

        var rest = match.Groups["rest"].Value;
        return exitCode is int code && rest == $"exit code: {code.ToString(System.Globalization.CultureInfo.InvariantCulture)}" ? $"exited with code {code.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : rest;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^executor failed running \[.*\]: (?<rest>.*)$", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex ExecutorFailed();
}
