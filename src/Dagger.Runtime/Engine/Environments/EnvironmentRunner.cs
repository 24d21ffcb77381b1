using System.Diagnostics;
using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Environments.Age;
using Dagger.Runtime.Engine.Events;
using Dagger.Runtime.Engine.Plans;
using Dagger.Runtime.Engine.Runs;
using Dagger.Runtime.Engine.Scheduling;

namespace Dagger.Runtime.Engine.Environments;

/// <summary>How to run an environment, beyond the <see cref="RunRequest"/>.</summary>
public sealed record EnvironmentRunOptions
{
    /// <summary>The user's age identities, asked for only when the environment has a secret.</summary>
    public required Func<AgeKeyring> Keys { get; init; }

    /// <summary>Run even when required inputs are missing: what needs them is skipped.</summary>
    public bool Force { get; init; }

    /// <summary>Fail at once when another run holds the environment's lock, instead of waiting.</summary>
    public bool NoWait { get; init; }
}

/// <summary>
/// Runs an environment: its plan with its inputs (those of the command line override them for this run), under the
/// environment's lock; then writes <c>state/computed.json</c> (on success, atomically) and a history record (always).
/// </summary>
public static class EnvironmentRunner
{
    /// <summary>
    /// Runs <paramref name="environment"/>. Inputs of <paramref name="request"/> replace the environment's at the same
    /// path; its plan folder is replaced by the environment's.
    /// </summary>
    /// <exception cref="DaggerException">Before the run starts: required inputs missing, the lock taken with
    /// <see cref="EnvironmentRunOptions.NoWait"/>, <c>values.yaml</c> or a secret unreadable. The run itself reports
    /// its failures in the outcome.</exception>
    public static async Task<RunOutcome> RunAsync(
        DaggerEnvironment environment, RunRequest request, EnvironmentRunOptions options, Action<RunEvent>? report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var sink = report ?? (_ => { });
        var values = environment.Load();
        var overrides = request.Inputs.Select(i => i.Path).ToHashSet(StringComparer.Ordinal);
        var stored = environment.PlanInputs(values, options.Keys).Where(i => !overrides.Contains(i.Path));
        var inputs = stored.Concat(request.Inputs).ToList();
        var (directory, package) = environment.PlanLocation(values);
        var run = request with
        {
            PlanDirectory = directory,
            Package = package,
            Inputs = inputs,
            Environment = environment.Name,
            Platform = request.Platform ?? (values.Platform is { } p ? Llb.Platform.Parse(p) : null),
            WithComputedJson = true,
        };

        // The plan as it stands before the run: what the run computes is what it adds. A plan that does not load is
        // left to the run, which reports it in its events.
        string? before = null;
        try
        {
            var plan = PlanLoader.Load(directory, inputs, new PlanLayers { Package = package });
            // Redacted as the run's outcome is, so that a plan value equal to a secret is not taken for a computed one.
            before = PlanRunner.RedactorFor(run).Redact(ComputedJson.Render(plan.Root));
            if (!options.Force)
            {
                var missing = PlanInterface.Inputs(plan.Root, new HashSet<string>(StringComparer.Ordinal)).Where(i => i.IsRequired).ToList();
                if (missing.Count > 0)
                {
                    throw new DaggerException(
                        ErrorCodes.RequiredInputsMissing,
                        Message.Format(Messages.RequiredInputsMissing, environment.Name, string.Join(", ", missing.Select(m => $"{m.Path} ({m.Value})"))));
                }
            }
        }
        catch (PlanException)
        {
        }

        using var held = await EnvironmentLock.AcquireAsync(
            environment,
            options.NoWait,
            () => sink(new Diagnostic(
                new DaggerError(ErrorCodes.WaitingForLock, Message.Format(Messages.WaitingForLock, environment.Name), null),
                EventLevel.Warn)),
            cancellationToken).ConfigureAwait(false);

        var cached = new Dictionary<string, bool>(StringComparer.Ordinal);
        void Observe(RunEvent e)
        {
            if (e is TaskCompleted completed)
            {
                cached[completed.Path] = completed.Cached;
            }

            sink(e);
        }

        var start = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();

        // Kept before run.completed is told, so that a state that cannot be written fails the run in its own events.
        Task Record(RunOutcome outcome, CancellationToken ct)
        {
            DaggerException? unwritten = null;
            if (outcome.Result == RunResult.Success && before is not null && outcome.ComputedJson is { } after)
            {
                var layer = StateStore.ComputedLayer(before, after);
                if (request.Target is not null && StateStore.ReadComputedOrNull(environment) is { } previous)
                {
                    layer = StateStore.Merge(previous, layer);
                }

                try
                {
                    StateStore.WriteComputed(environment, PlanRunner.RedactorFor(run).Redact(layer));
                }
                catch (DaggerException e)
                {
                    // The history still records the run, with the reason it did not count.
                    unwritten = e;
                    outcome = outcome with { Result = RunResult.Failure, ExitCode = e.ExitCode, Error = e.ToError() };
                }
            }

            try
            {
                RunHistory.Append(environment, new HistoryRecord
                {
                    Id = RunHistory.NewId(start),
                    Environment = environment.Name,
                    Start = start,
                    Duration = clock.Elapsed.TotalSeconds,
                    Result = outcome.Result.ToString().ToLowerInvariant(),
                    ExitCode = outcome.ExitCode,
                    Engine = PlanRunner.Describe(request.Engine ?? BuildKit.EngineDiscovery.Resolve(null)),
                    Target = request.Target,
                    Tasks = [.. outcome.Tasks.Select(t => new HistoryTask(
                        t.Path, Status(t.Status), t.Duration?.TotalSeconds is { } s ? Math.Round(s, 3) : null, cached.GetValueOrDefault(t.Path)))],
                    Counts = outcome.Counts,
                    Error = outcome.Error is { } error ? $"{error.Code.Id}: {error.Message}" : null,
                });
            }
            catch (DaggerException) when (unwritten is not null)
            {
                // The same disk refused both: the state's error is the one that matters.
            }

            return unwritten is null ? Task.CompletedTask : throw unwritten;
        }

        var outcome = await PlanRunner.RunAsync(run with { Record = Record }, Observe, cancellationToken).ConfigureAwait(false);
        return outcome with { ComputedJson = request.WithComputedJson ? outcome.ComputedJson : null };
    }

    private static string Status(TaskState state) => state switch
    {
        TaskState.Computed => "computed",
        TaskState.Skipped => "skipped",
        TaskState.Failed => "failed",
        _ => "cancelled",
    };
}
