using System.Diagnostics;
using Dagger.Runtime.Engine.Compilation;
using Dagger.Runtime.Engine.Events;
using Dagger.Runtime.Engine.Exports;
using Dagger.Runtime.Llb;

namespace Dagger.Runtime.Engine.Scheduling;

/// <summary>
/// Runs a plan's tasks in waves. Each wave compiles every task whose pipeline is concrete, solves all of their exports
/// in one request, and fills the values back into the plan, which makes further tasks concrete. Pipelines run only for
/// their side effects are solved together at the end. Tasks that never become concrete are reported, not run.
/// </summary>
public sealed class Scheduler
{
    private readonly IPlan plan;
    private readonly PipelineCompiler compiler;
    private readonly ISolver solver;
    private readonly SchedulerOptions options;
    private readonly Action<EngineEvent> report;
    private readonly Dictionary<string, CompiledPipeline> compiled = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<string>> waiting = new(StringComparer.Ordinal);
    private readonly HashSet<string> compiling = new(StringComparer.Ordinal);
    private readonly Dictionary<(Digest?, string), ExportedValue> reads = [];
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<State, object> digests = [];
    private int solves;
    private int waves;
    private int fills;

    /// <summary>Creates a scheduler for one run.</summary>
    public Scheduler(IPlan plan, PipelineCompiler compiler, ISolver solver, SchedulerOptions? options = null, Action<EngineEvent>? report = null)
    {
        this.plan = plan ?? throw new ArgumentNullException(nameof(plan));
        this.compiler = compiler ?? throw new ArgumentNullException(nameof(compiler));
        this.solver = solver ?? throw new ArgumentNullException(nameof(solver));
        this.options = options ?? new SchedulerOptions();
        this.report = report ?? (_ => { });
    }

    /// <summary>Runs every task that can run, and reports the rest.</summary>
    /// <exception cref="OpException">An op is invalid.</exception>
    /// <exception cref="PlanException">An exported value conflicts with the plan.</exception>
    public async Task<RunReport> RunAsync(CancellationToken cancellationToken)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var computed = new Dictionary<string, ExportedValue>(StringComparer.Ordinal);
        var effects = new List<State>();
        var started = new Dictionary<string, long>(StringComparer.Ordinal);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ready = new List<CompiledPipeline>();
            foreach (var path in plan.TaskPaths())
            {
                if (!done.Contains(path) && await TryCompileAsync(path, cancellationToken).ConfigureAwait(false) is { } pipeline)
                {
                    ready.Add(pipeline);
                    done.Add(path);
                    started[path] = Stopwatch.GetTimestamp();
                    report(new TaskStarted(path));
                }
            }

            if (ready.Count == 0)
            {
                break;
            }

            if (options.SolvePerOp)
            {
                foreach (var pipeline in ready)
                {
                    await RunOpByOpAsync(pipeline, computed, cancellationToken).ConfigureAwait(false);
                    report(new TaskCompleted(pipeline.Path, Stopwatch.GetElapsedTime(started[pipeline.Path])));
                }

                continue;
            }

            var exporting = ready.Where(p => p.Exports.Count > 0).ToList();
            foreach (var pipeline in ready)
            {
                // Ops after the last export still have to run, for their side effects.
                if (pipeline.Exports.Count == 0 || !ReferenceEquals(pipeline.Exports[^1].State, pipeline.State))
                {
                    effects.Add(pipeline.State);
                }

                if (pipeline.Exports.Count == 0)
                {
                    report(new TaskCompleted(pipeline.Path, Stopwatch.GetElapsedTime(started[pipeline.Path])));
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

                report(new TaskCompleted(pipeline.Path, Stopwatch.GetElapsedTime(started[pipeline.Path])));
            }
        }

        if (effects.Count > 0)
        {
            await SolveAsync([], effects, cancellationToken).ConfigureAwait(false);
        }

        var skipped = new List<SkippedTask>();
        foreach (var path in plan.TaskPaths().Where(p => !done.Contains(p)))
        {
            var missing = waiting.TryGetValue(path, out var m) ? m : [];
            skipped.Add(new SkippedTask(path, missing));
            report(new TaskSkipped(path, missing));
        }

        return new RunReport(computed, skipped, solves, waves, fills);
    }

    /// <summary>
    /// Compiles every task that can be compiled before anything runs, and reports what the others wait for, without
    /// solving anything.
    /// </summary>
    public async Task<IReadOnlyList<DryRunTask>> DryRunAsync(CancellationToken cancellationToken)
    {
        var tasks = new List<DryRunTask>();
        foreach (var path in plan.TaskPaths())
        {
            var pipeline = await TryCompileAsync(path, cancellationToken).ConfigureAwait(false);
            tasks.Add(new DryRunTask(path, pipeline, pipeline is null && waiting.TryGetValue(path, out var missing) ? missing : [], plan.DependenciesOf(path)));
        }

        return tasks;
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

        var contents = await SolveAsync([.. pending.Select(e => new FileRead(e.State, e.Op.Path, VertexName.Format(e.Op.Source, "export " + e.Op.Path)))], [], cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < pending.Count; i++)
        {
            reads[Key(pending[i])] = ExportReader.Read(pending[i].Op, contents[i]);
        }
    }

    private async Task RunOpByOpAsync(CompiledPipeline pipeline, Dictionary<string, ExportedValue> computed, CancellationToken cancellationToken)
    {
        foreach (var step in pipeline.Steps)
        {
            if (step.Op is Ops.ExportOp export)
            {
                var key = (DigestOf(step.State), export.Path);
                if (!reads.TryGetValue(key, out var value))
                {
                    var content = await SolveAsync([new FileRead(step.State, export.Path, VertexName.Format(export.Source, "export " + export.Path))], [], cancellationToken).ConfigureAwait(false);
                    reads[key] = value = ExportReader.Read(export, content[0]);
                }

                waves++;
                Fill(pipeline.Path, value, computed);
            }
            else
            {
                await SolveAsync([], [step.State], cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void Fill(string path, ExportedValue value, Dictionary<string, ExportedValue> computed)
    {
        try
        {
            plan.Fill(path, value);
        }
        catch (PlanException e)
        {
            throw new PlanException($"{path}: the exported value {Shorten(value.Json)} does not fit: {e.Message}", e);
        }

        fills++;
        computed[path] = value;
    }

    private async Task<IReadOnlyList<byte[]>> SolveAsync(List<FileRead> fileReads, List<State> effects, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await solver.SolveAsync(fileReads, effects, cancellationToken).ConfigureAwait(false);
        solves++;
        report(new SolveCompleted(solves, fileReads.Count, effects.Count, Stopwatch.GetElapsedTime(start)));
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
            throw new PlanException($"{path}: pipelines reference each other in a cycle through load, copy or mount");
        }

        try
        {
            var decoding = plan.DecodePipeline(path);
            if (decoding.Ops is null)
            {
                waiting[path] = decoding.Missing;
                return null;
            }

            var result = await compiler.CompileAsync(path, decoding.Ops, (reference, ct) => TryCompileAsync(reference.Path, ct), cancellationToken).ConfigureAwait(false);
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
