using System.Collections.Immutable;
using System.Globalization;
using Dagger.Action.Errors;
using Dagger.Action.Events;

namespace Dagger.Action.Runs;

/// <summary>
/// Folds the tool's events into what the reports show. The stderr reader applies events while reporters take
/// snapshots from other threads, so every member takes the lock; a snapshot is an immutable <see cref="RunReport"/>.
/// </summary>
internal sealed class RunState(string commandLine, string planFolder, SourceLocator locator, TimeProvider time)
{
    private const int RawTailLines = 20;

    private readonly object gate = new();
    private readonly long started = time.GetTimestamp();
    private readonly List<TaskRow> tasks = [];
    private readonly Dictionary<string, int> taskIndex = new(StringComparer.Ordinal);
    private readonly List<Problem> problems = [];
    private readonly Queue<string> rawTail = new();
    private readonly Dictionary<string, DateTimeOffset> startTimes = new(StringComparer.Ordinal);
    private string plan = planFolder;
    private string? toolVersion;
    private RunCompleted? completed;
    private int? exitCode;
    private int? unknownVersion;

    /// <summary>Raised (on the reader's thread) when a task finishes: a moment to update live reports.</summary>
    public event System.Action? TaskFinished;

    /// <summary>Whether the stream is still read: false once an event of an unknown schema version came.</summary>
    public bool Trusted
    {
        get
        {
            lock (gate)
            {
                return unknownVersion is null;
            }
        }
    }

    /// <summary>Applies one line of the tool's stderr.</summary>
    public void Apply(StreamLine line)
    {
        var finished = false;
        lock (gate)
        {
            if (unknownVersion is not null || line.Event is null)
            {
                if (unknownVersion is null && line.UnknownVersion is { } version)
                {
                    unknownVersion = version;
                    problems.Add(new Problem(
                        ProblemLevel.Warning,
                        ActionCodes.UnknownSchema,
                        $"dagger wrote events of schema version {version}, and this action reads version {EventParser.SchemaVersion}: the rest of the stream is shown as it is, and the result comes from the exit code; use the action's release that matches the tool",
                        null,
                        null,
                        null,
                        []));
                }

                Remember(line.Text);
                return;
            }

            finished = Apply(line.Event);
        }

        if (finished)
        {
            TaskFinished?.Invoke();
        }
    }

    /// <summary>Records a failure of the action's own that stopped the run (the tool could not be started).</summary>
    public void Fail(string code, string message)
    {
        lock (gate)
        {
            problems.Add(new Problem(ProblemLevel.Error, code, message, null, null, null, []));
        }
    }

    /// <summary>Records the tool's exit and closes the run: a run without <c>run.completed</c> crashed.</summary>
    public void Exited(int code)
    {
        lock (gate)
        {
            exitCode = code;
            if (completed is null && code != 0 && !problems.Any(p => p.Level == ProblemLevel.Error))
            {
                var details = rawTail.ToImmutableArray();
                problems.Add(new Problem(
                    ProblemLevel.Error,
                    ActionCodes.RunIncomplete,
                    unknownVersion is null
                        ? $"dagger exited with code {code.ToString(CultureInfo.InvariantCulture)} without finishing its event stream (no run.completed): it crashed or was killed"
                        : $"dagger exited with code {code.ToString(CultureInfo.InvariantCulture)}",
                    null,
                    null,
                    null,
                    details));
            }

            for (var i = 0; i < tasks.Count; i++)
            {
                if (tasks[i].Outcome == TaskOutcome.Running)
                {
                    tasks[i] = tasks[i] with { Outcome = code == ExitCodes.Cancelled ? TaskOutcome.Cancelled : TaskOutcome.Failed };
                }
            }
        }
    }

    /// <summary>What is known now.</summary>
    public RunReport Snapshot()
    {
        lock (gate)
        {
            var result = exitCode switch
            {
                null => RunResult.Running,
                _ when completed is not null && unknownVersion is null => completed.Result switch
                {
                    "success" => RunResult.Success,
                    "cancelled" => RunResult.Cancelled,
                    _ => RunResult.Failure,
                },
                0 => RunResult.Success,
                ExitCodes.Cancelled => RunResult.Cancelled,
                _ => RunResult.Failure,
            };
            return new RunReport
            {
                CommandLine = commandLine,
                Result = result,
                ExitCode = exitCode,
                Duration = completed?.Duration ?? time.GetElapsedTime(started).TotalSeconds,
                ToolVersion = toolVersion,
                Tasks = [.. tasks],
                Problems = [.. problems],
                Outputs = completed?.Outputs ?? [],
                Counts = completed?.Counts ?? ImmutableDictionary<string, long>.Empty,
            };
        }
    }

    private bool Apply(DaggerEvent e)
    {
        switch (e)
        {
            case RunStarted started:
                plan = started.Plan.Length > 0 ? started.Plan : plan;
                toolVersion = started.ToolVersion;
                break;
            case TaskStarted started:
                startTimes[started.Task ?? ""] = started.Time;
                Upsert(started.Task ?? "", row => row with { Outcome = TaskOutcome.Running, Span = started.Span ?? row.Span });
                break;
            case TaskCompleted done:
                Upsert(done.Task ?? "", row => row with { Outcome = TaskOutcome.Computed, Duration = done.Duration, Exports = done.Exports, Cached = done.Cached });
                return true;
            case TaskSkipped skipped:
                Upsert(skipped.Task ?? "", row => row with { Outcome = TaskOutcome.Skipped, WaitingFor = skipped.WaitingFor, Span = row.Span ?? skipped.Span });
                AddProblem(skipped, skipped.WaitingFor.IsEmpty ? [] : [$"waiting for: {string.Join(", ", skipped.WaitingFor)}"]);
                return true;
            case TaskFailed failed:
                Upsert(failed.Task ?? "", row => row with { Outcome = TaskOutcome.Failed, Duration = row.Duration ?? SinceStart(failed) });
                AddProblem(failed, failed.LogTail);
                return true;
            case TaskCancelled cancelled:
                Upsert(cancelled.Task ?? "", row => row with { Outcome = TaskOutcome.Cancelled });
                AddProblem(cancelled, []);
                return true;
            case RunCompleted done:
                Complete(done);
                break;
            default:
                if (e.IsProblem)
                {
                    AddProblem(e, []);
                }

                break;
        }

        return false;
    }

    private void Complete(RunCompleted done)
    {
        completed = done;
        foreach (var summary in done.Tasks)
        {
            var outcome = summary.Status switch
            {
                "computed" => TaskOutcome.Computed,
                "skipped" => TaskOutcome.Skipped,
                "cancelled" => TaskOutcome.Cancelled,
                _ => TaskOutcome.Failed,
            };
            Upsert(summary.Path, row => row with
            {
                Outcome = outcome,
                Duration = summary.Duration ?? row.Duration,
                Span = row.Span ?? summary.Span,
                WaitingFor = summary.WaitingFor.IsEmpty ? row.WaitingFor : summary.WaitingFor,
            });
        }

        // run.completed's error repeats a failure already reported; it stands alone only when nothing was.
        if (done.Error is { } error && !problems.Any(p => p.Level == ProblemLevel.Error))
        {
            problems.Add(new Problem(ProblemLevel.Error, error.Code, error.Message, error.Task, error.Span, locator.Locate(error.Span, plan), []));
        }
    }

    private void AddProblem(DaggerEvent e, ImmutableArray<string> details)
    {
        if (!e.IsProblem)
        {
            return;
        }

        var level = e.Level == "error" ? ProblemLevel.Error : ProblemLevel.Warning;
        problems.Add(new Problem(level, e.Code!, e.Message, e.Task, e.Span, locator.Locate(e.Span, plan), details));
    }

    private void Upsert(string path, Func<TaskRow, TaskRow> change)
    {
        if (taskIndex.TryGetValue(path, out var index))
        {
            tasks[index] = change(tasks[index]);
            return;
        }

        taskIndex[path] = tasks.Count;
        tasks.Add(change(new TaskRow(path, TaskOutcome.Running, null, [], false, null, [])));
    }

    // task.failed carries no duration: it is the time since the task's task.started.
    private double? SinceStart(DaggerEvent e) =>
        startTimes.TryGetValue(e.Task ?? "", out var start) && start != default && e.Time >= start ? (e.Time - start).TotalSeconds : null;

    private void Remember(string text)
    {
        rawTail.Enqueue(text);
        while (rawTail.Count > RawTailLines)
        {
            rawTail.Dequeue();
        }
    }
}
