using System.Diagnostics;
using Dagger.Runtime.Engine.Compilation;
using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Events;
using Dagger.Runtime.Engine.Exports;
using Dagger.Runtime.Engine.Runs;
using Dagger.Runtime.Llb;

namespace Dagger.Runtime.Engine.Scheduling;

/// <summary>
/// Runs a plan's tasks in waves. Each wave compiles every task whose pipeline is concrete, solves all of their exports
/// in one request, and fills the values back into the plan, which makes further tasks concrete. Pipelines run only for
/// their side effects are solved together at the end. Tasks that never become concrete are reported, not run. A
/// failure stops the run: it is reported on the task it belongs to, and returned, not thrown.
/// </summary>
public sealed class Scheduler
{
    private readonly IPlan plan;
    private readonly PipelineCompiler compiler;
    private readonly ISolver solver;
    private readonly SchedulerOptions options;
    private readonly Action<RunEvent> report;
    private readonly Dictionary<string, CompiledPipeline> compiled = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<string>> waiting = new(StringComparer.Ordinal);
    private readonly HashSet<string> compiling = new(StringComparer.Ordinal);
    private readonly Dictionary<(Digest?, string), ExportedValue> reads = [];
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<State, object> digests = [];
    private readonly Dictionary<string, long> started = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskResult> ended = new(StringComparer.Ordinal);
    private readonly HashSet<string> dispatched = new(StringComparer.Ordinal);

    // The fill count when a task last decoded as waiting for values, and when each task was last filled: a waiting
    // task whose dependencies were not filled since would decode the same way again.
    private readonly Dictionary<string, int> waitingSince = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> filledAt = new(StringComparer.Ordinal);
    private Dictionary<string, IReadOnlyList<string>>? dependencies;
    private bool dryRun;
    private int solves;
    private int waves;
    private int fills;

    /// <summary>Creates a scheduler for one run.</summary>
    public Scheduler(IPlan plan, PipelineCompiler compiler, ISolver solver, SchedulerOptions? options = null, Action<RunEvent>? report = null)
    {
        this.plan = plan ?? throw new ArgumentNullException(nameof(plan));
        this.compiler = compiler ?? throw new ArgumentNullException(nameof(compiler));
        this.solver = solver ?? throw new ArgumentNullException(nameof(solver));
        this.options = options ?? new SchedulerOptions();
        this.report = report ?? (_ => { });
    }

    /// <summary>
    /// Runs every task that can run, and reports the rest. A failure (an invalid op, an exported value that does not
    /// fit, an op that fails on the engine) or a cancellation ends the run; the report says which.
    /// </summary>
    public async Task<RunReport> RunAsync(CancellationToken cancellationToken)
    {
        var computed = new Dictionary<string, string>(StringComparer.Ordinal);
        DaggerException? failure = null;
        var cancelled = false;
        try
        {
            await RunWavesAsync(computed, cancellationToken).ConfigureAwait(false);
        }
        catch (DaggerException e)
        {
            failure = e;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cancelled = true;
        }

        if (failure is not null)
        {
            Fail(failure);
        }
        else if (cancelled)
        {
            CancelRunning();
        }

        var tasks = new List<TaskResult>();
        foreach (var path in plan.TaskPaths())
        {
            tasks.Add(ended.TryGetValue(path, out var result) ? result : Unfinished(path, failure is null && !cancelled));
        }

        return new RunReport(computed, tasks, solves, waves, fills) { Failure = failure, Cancelled = cancelled };
    }

    private async Task RunWavesAsync(Dictionary<string, string> computed, CancellationToken cancellationToken)
    {
        // Tasks whose pipelines run ops after their last export: they finish with the side effects, at the end.
        var effects = new List<(string Task, State State)>();
        var effectTasks = new HashSet<string>(StringComparer.Ordinal);
        var everyTask = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ready = new List<CompiledPipeline>();
            var passedOver = false;
            foreach (var path in plan.TaskPaths())
            {
                if (dispatched.Contains(path))
                {
                    continue;
                }

                // Decoding every waiting task after each wave made a chain of n exports cost n² decodings.
                if (!everyTask && StillWaiting(path))
                {
                    passedOver = true;
                    continue;
                }

                if (await TryCompileAsync(path, cancellationToken).ConfigureAwait(false) is { } pipeline)
                {
                    ready.Add(pipeline);
                    dispatched.Add(path);
                    Start(path);
                }
            }

            if (ready.Count == 0)
            {
                // The dependencies are found from the plan's references; before giving up on what they passed over,
                // every waiting task is decoded once more, so that a dependency they missed cannot leave a task out.
                if (passedOver && !everyTask)
                {
                    everyTask = true;
                    continue;
                }

                break;
            }

            everyTask = false;

            if (options.SolvePerOp)
            {
                foreach (var pipeline in ready)
                {
                    await RunOpByOpAsync(pipeline, computed, cancellationToken).ConfigureAwait(false);
                    Complete(pipeline.Path, computed);
                }

                continue;
            }

            var exporting = ready.Where(p => p.Exports.Count > 0).ToList();
            foreach (var pipeline in ready)
            {
                // Ops after the last export still have to run, for their side effects.
                if (pipeline.Exports.Count == 0 || !ReferenceEquals(pipeline.Exports[^1].State, pipeline.State))
                {
                    effects.Add((pipeline.Path, pipeline.State));
                    effectTasks.Add(pipeline.Path);
                }
            }

            if (exporting.Count == 0)
            {
                continue;
            }

            waves++;
            await ReadExportsAsync(exporting, cancellationToken).ConfigureAwait(false);
            foreach (var pipeline in exporting)
            {
                foreach (var export in pipeline.Exports)
                {
                    Fill(pipeline.Path, reads[Key(export)], computed);
                }

                if (!effectTasks.Contains(pipeline.Path))
                {
                    Complete(pipeline.Path, computed);
                }
            }
        }

        if (effects.Count > 0)
        {
            await SolveAsync([], [.. effects.Select(e => e.State)], [.. effectTasks], cancellationToken).ConfigureAwait(false);
            foreach (var (task, _) in effects)
            {
                Complete(task, computed);
            }
        }
    }

    /// <summary>
    /// Compiles every task that can be compiled before anything runs, and reports what the others wait for, without
    /// solving anything.
    /// </summary>
    /// <exception cref="DaggerException">An op is invalid.</exception>
    public async Task<IReadOnlyList<DryRunTask>> DryRunAsync(CancellationToken cancellationToken)
    {
        dryRun = true;
        var tasks = new List<DryRunTask>();
        foreach (var path in plan.TaskPaths())
        {
            var pipeline = await TryCompileAsync(path, cancellationToken).ConfigureAwait(false);
            tasks.Add(new DryRunTask(path, pipeline, pipeline is null && waiting.TryGetValue(path, out var missing) ? missing : [], plan.DependenciesOf(path)));
        }

        return tasks;
    }

    // A task starts when it is ready to run, or when a side effect of its pipeline is performed, whichever comes first.
    private void Start(string task)
    {
        if (!started.ContainsKey(task))
        {
            started[task] = Stopwatch.GetTimestamp();
            report(new TaskStarted(task, plan.SpanOf(task)));
        }
    }

    // A push, save or login is performed as its task runs, once: never while a dry run compiles, never for a task
    // that waits for something else.
    private async ValueTask<bool> PerformAsync(string path, ImageEffect effect, CancellationToken cancellationToken)
    {
        if (dryRun)
        {
            waiting[path] = [effect.Reason];
            return false;
        }

        var task = OwningTask(path);
        if (task is not null && plan.TaskPaths().Contains(task, StringComparer.Ordinal))
        {
            Start(task);
        }

        var start = Stopwatch.GetTimestamp();
        var index = ++solves;
        await compiler.PerformAsync(effect, cancellationToken).ConfigureAwait(false);
        report(new SolveCompleted(index, 0, 1, Stopwatch.GetElapsedTime(start), task is null ? [] : [task]));
        return true;
    }

    private void Complete(string path, Dictionary<string, string> computed)
    {
        var duration = Stopwatch.GetElapsedTime(started[path]);
        ended[path] = new TaskResult(path, TaskState.Computed, duration, plan.SpanOf(path), []);
        var exported = computed.TryGetValue(path, out var value);
        report(new TaskCompleted(path, duration, exported ? [path] : [], Cached: false)
        {
            Values = exported && value!.Length <= TaskCompleted.MaxValue
                ? new Dictionary<string, string>(StringComparer.Ordinal) { [path] = value }
                : System.Collections.Immutable.ImmutableDictionary<string, string>.Empty,
        });
    }

    // The failure belongs to the task whose pipeline holds the failing op (or that task's nearest task ancestor, for
    // an inline pipeline), or to the task at or above the CUE path of a failure that has no op (an exported value that
    // does not fit); every other task still running is cancelled.
    private void Fail(DaggerException failure)
    {
        var owner = failure switch
        {
            OpException op => op.Source,
            RunFailedException run => run.Op,
            _ => null,
        };
        var task = owner is not null ? OwningTask(owner.Task) : failure.Path is { } cuePath ? OwningTask(cuePath) : null;
        var error = failure.ToError() with { Task = task };
        if (task is not null)
        {
            if (error.Span is null)
            {
                error = error with { Span = plan.SpanOf(task) };
            }

            var duration = started.TryGetValue(task, out var t) ? Stopwatch.GetElapsedTime(t) : (TimeSpan?)null;
            ended[task] = new TaskResult(task, TaskState.Failed, duration, plan.SpanOf(task), []);
            report(new TaskFailed(task, error, owner, (failure as RunFailedException)?.CommandExitCode) { Duration = duration });
        }
        else
        {
            report(new Diagnostic(error));
        }

        CancelRunning(task);
    }

    private void CancelRunning(string? failedTask = null)
    {
        foreach (var (path, start) in started.Where(s => !ended.ContainsKey(s.Key)).ToList())
        {
            var span = plan.SpanOf(path);
            var duration = Stopwatch.GetElapsedTime(start);
            ended[path] = new TaskResult(path, TaskState.Cancelled, duration, span, []);
            report(new TaskCancelled(path, span, duration, failedTask));
        }
    }

    private string? OwningTask(string pipeline)
    {
        var tasks = plan.TaskPaths();
        if (tasks.Contains(pipeline, StringComparer.Ordinal))
        {
            return pipeline;
        }

        return tasks.Where(t => t.Length == 0 || pipeline.StartsWith(t + ".", StringComparison.Ordinal)).MaxBy(t => t.Length)
            ?? started.Keys.FirstOrDefault(t => !ended.ContainsKey(t));
    }

    private TaskResult Unfinished(string path, bool completedRun)
    {
        if (started.TryGetValue(path, out var start))
        {
            return new TaskResult(path, TaskState.Cancelled, Stopwatch.GetElapsedTime(start), plan.SpanOf(path), []);
        }

        if (!completedRun)
        {
            return new TaskResult(path, TaskState.Cancelled, null, plan.SpanOf(path), []);
        }

        var missing = waiting.TryGetValue(path, out var m) ? m : [];
        var span = plan.SpanOf(path);
        report(new TaskSkipped(path, span, missing));
        return new TaskResult(path, TaskState.Skipped, null, span, missing);
    }

    private async Task ReadExportsAsync(IReadOnlyList<CompiledPipeline> pipelines, CancellationToken cancellationToken)
    {
        // One read per distinct (definition, file): a pipeline referenced twice is read once and yields one value.
        var pending = new List<ExportPoint>();
        var keys = new HashSet<(Digest?, string)>();
        foreach (var export in pipelines.SelectMany(p => p.Exports))
        {
            var key = Key(export);
            if (!reads.ContainsKey(key) && keys.Add(key))
            {
                pending.Add(export);
            }
        }

        if (pending.Count == 0)
        {
            return;
        }

        var contents = await SolveAsync(
            [.. pending.Select(e => new FileRead(e.State, e.Op.Path, e.Op.Origin))], [], [.. pipelines.Select(p => p.Path)], cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < pending.Count; i++)
        {
            reads[Key(pending[i])] = ExportReader.Read(pending[i].Op, contents[i]);
        }
    }

    private async Task RunOpByOpAsync(CompiledPipeline pipeline, Dictionary<string, string> computed, CancellationToken cancellationToken)
    {
        foreach (var step in pipeline.Steps)
        {
            if (step.Op is Ops.ExportOp export)
            {
                var key = (DigestOf(step.State), export.Path);
                if (!reads.TryGetValue(key, out var value))
                {
                    var content = await SolveAsync([new FileRead(step.State, export.Path, export.Origin)], [], [pipeline.Path], cancellationToken).ConfigureAwait(false);
                    reads[key] = value = ExportReader.Read(export, content[0]);
                }

                waves++;
                Fill(pipeline.Path, value, computed);
            }
            else
            {
                await SolveAsync([], [step.State], [pipeline.Path], cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void Fill(string path, ExportedValue value, Dictionary<string, string> computed)
    {
        try
        {
            computed[path] = plan.Fill(path, value);
            filledAt[path] = fills + 1;
        }
        catch (PlanException e)
        {
            throw new PlanException(ErrorCodes.ExportMismatch, Message.Format(Messages.ExportedValueDoesNotFit, path, Shorten(Cue.CueJson.Quote(value.Text)), e.Message), e.Span ?? plan.SpanOf(path), e)
            {
                Path = path,
            };
        }

        fills++;
    }

    // Whether the task at path decoded as waiting for values, and none of the tasks it depends on was filled since.
    // A task with no known dependency waits for something the references do not show, and is decoded every wave.
    private bool StillWaiting(string path)
    {
        if (!waitingSince.TryGetValue(path, out var since))
        {
            return false;
        }

        dependencies ??= DependencyMap();
        if (!dependencies.TryGetValue(path, out var dependsOn) || dependsOn.Count == 0)
        {
            return false;
        }

        foreach (var dependency in dependsOn)
        {
            if (filledAt.GetValueOrDefault(dependency) > since)
            {
                return false;
            }
        }

        return true;
    }

    // Computed once, from the plan as it is when a task first waits: references do not change with fills, and a task
    // found later has no entry, so it is decoded every wave.
    private Dictionary<string, IReadOnlyList<string>> DependencyMap()
    {
        var map = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        try
        {
            foreach (var path in plan.TaskPaths())
            {
                map[path] = plan.DependenciesOf(path);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Tasks in a dependency cycle, or a plan that cannot say: every waiting task is decoded each wave.
            map.Clear();
        }

        return map;
    }

    private async Task<IReadOnlyList<byte[]>> SolveAsync(List<FileRead> fileReads, List<State> effects, List<string> tasks, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        // A solve that fails still went to the engine: it counts.
        var index = ++solves;
        var result = await solver.SolveAsync(fileReads, effects, cancellationToken).ConfigureAwait(false);
        report(new SolveCompleted(index, fileReads.Count, effects.Count, Stopwatch.GetElapsedTime(start), tasks));
        return result;
    }

    // Compiles the pipeline at path, or records what it waits for; referenced pipelines are compiled once per run.
    private async ValueTask<CompiledPipeline?> TryCompileAsync(string path, CancellationToken cancellationToken)
    {
        if (compiled.TryGetValue(path, out var known))
        {
            return known;
        }

        if (!compiling.Add(path))
        {
            throw new PlanException(ErrorCodes.PipelineCycle, Message.Format(Messages.PipelineCycle, path), plan.SpanOf(path)) { Path = path };
        }

        try
        {
            var decoding = plan.DecodePipeline(path);
            if (decoding.Ops is null)
            {
                waiting[path] = decoding.Missing;
                waitingSince[path] = fills;
                return null;
            }

            waitingSince.Remove(path);

            var result = await compiler.CompileAsync(path, decoding.Ops, (reference, ct) => TryCompileAsync(reference.Path, ct), cancellationToken).ConfigureAwait(false);
            while (result.Effect is { } effect)
            {
                if (!await PerformAsync(path, effect, cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                result = await compiler.CompileAsync(path, decoding.Ops, (reference, ct) => TryCompileAsync(reference.Path, ct), cancellationToken).ConfigureAwait(false);
            }

            if (result.Deferred is { } reason)
            {
                waiting[path] = [reason];
                return null;
            }

            if (result.Pipeline is null)
            {
                var inner = result.WaitingFor!.Path;
                waiting[path] = waiting.TryGetValue(inner, out var missing) ? missing : [inner];
                return null;
            }

            waiting.Remove(path);
            compiled[path] = result.Pipeline;
            return result.Pipeline;
        }
        finally
        {
            compiling.Remove(path);
        }
    }

    private (Digest?, string) Key(ExportPoint export) => (DigestOf(export.State), export.Op.Path);

    // Marshalling walks the whole graph: do it once per state.
    private Digest? DigestOf(State state) =>
        state.IsScratch ? null : (Digest?)digests.GetValue(state, s => s.Marshal().Result!);

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 59), "…");
}
