using System.Collections.Concurrent;

namespace Dagger.Cue.UnitTests.Conformance;

/// <summary>
/// Runs conformance cases as processes with a bounded degree of parallelism and caches the verdicts. MSTest runs
/// the data rows of one method one after another, so when a row asks for its case, the next few cases of the
/// manifest start too: the rows then find their results ready and the machine's cores stay busy.
/// </summary>
internal sealed class ConformanceRun : IDisposable
{
    public const string JobsVariable = "DAGGER_CUE_JOBS";

    private static readonly Lazy<ConformanceRun> SharedLazy = new(() => new ConformanceRun(CueCommand.Resolve(), DefaultJobs(), prefetch: true));

    private readonly ConcurrentDictionary<string, Lazy<Task<CaseResult>>> _started = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _slots;
    private readonly Dictionary<string, int> _index;

    private readonly bool _prefetch;

    /// <param name="command">The CUE command under test.</param>
    /// <param name="jobs">How many cases run at a time.</param>
    /// <param name="prefetch">Start the following cases of the manifest whenever one is asked for.</param>
    public ConformanceRun(CueCommand command, int jobs, bool prefetch)
    {
        Command = command;
        Jobs = jobs;
        _prefetch = prefetch;
        _slots = new SemaphoreSlim(jobs, jobs);
        _index = ConformanceCorpus.Cases.Select((c, i) => (c.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
    }

    /// <summary>The run every conformance test shares.</summary>
    public static ConformanceRun Shared => SharedLazy.Value;

    public const string TimeoutVariable = "DAGGER_CUE_TIMEOUT";

    /// <summary>The per-case wall-clock limit: 10 s, or $DAGGER_CUE_TIMEOUT seconds (for slow oracle runs on a busy machine).</summary>
    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(
        double.TryParse(Environment.GetEnvironmentVariable(TimeoutVariable), System.Globalization.CultureInfo.InvariantCulture, out var s) && s > 0
            ? s
            : 10);

    public CueCommand Command { get; }

    public int Jobs { get; }

    /// <summary>The verdict on <paramref name="id"/>; with prefetching, also starts the cases after it in the manifest.</summary>
    public Task<CaseResult> GetAsync(string id)
    {
        var task = Start(id);
        var cases = ConformanceCorpus.Cases;
        for (var i = _index[id] + 1; _prefetch && i < cases.Count && i <= _index[id] + Jobs; i++)
        {
            if (!KnownFailures.Entries.ContainsKey(cases[i].Id))
            {
                Start(cases[i].Id);
            }
        }

        return task;
    }

    public void Dispose() => _slots.Dispose();

    private Task<CaseResult> Start(string id) =>
        _started.GetOrAdd(id, key => new Lazy<Task<CaseResult>>(() => Task.Run(() => RunAsync(ConformanceCorpus.Cases[_index[key]])))).Value;

    private async Task<CaseResult> RunAsync(ConformanceCase @case)
    {
        await _slots.WaitAsync().ConfigureAwait(false);
        try
        {
            var run = await ProcessRunner.RunAsync(
                Command.FileName,
                Command.With(["export", "--out", "json", .. @case.Files]),
                @case.InputDir,
                Timeout * Command.TimeScale,
                CancellationToken.None).ConfigureAwait(false);
            return new CaseResult(@case, run, ConformanceChecker.Check(@case, run, Timeout * Command.TimeScale));
        }
        finally
        {
            _slots.Release();
        }
    }

    private static int DefaultJobs() =>
        int.TryParse(Environment.GetEnvironmentVariable(JobsVariable), out var jobs) && jobs > 0
            ? jobs
            : Math.Clamp(Environment.ProcessorCount, 1, 2);
}
