using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Exports;
using Dagger.Runtime.Engine.Scheduling;

namespace Dagger.Runtime.Engine.Runs;

/// <summary>
/// A plan cut down to what one CUE path needs (<c>up --target PATH</c>): the tasks at or under PATH, or the task that
/// holds it, and every task those depend on, transitively.
/// </summary>
internal sealed class TargetPlan(IPlan inner, string target) : IPlan
{
    /// <summary>Checks that the target names some task.</summary>
    /// <exception cref="DaggerException"><see cref="ErrorCodes.Usage"/> when no task is at, under or around the target.</exception>
    public TargetPlan Checked()
    {
        return inner.TaskPaths().Any(Matches)
            ? this
            : throw new DaggerException(ErrorCodes.Usage, $"--target {target}: no task of the plan is at, under or around {target}");
    }

    public IReadOnlyList<string> TaskPaths()
    {
        var all = inner.TaskPaths();
        var needed = new HashSet<string>(all.Where(Matches), StringComparer.Ordinal);
        var queue = new Queue<string>(needed);
        while (queue.TryDequeue(out var path))
        {
            foreach (var dependency in inner.DependenciesOf(path))
            {
                if (needed.Add(dependency))
                {
                    queue.Enqueue(dependency);
                }
            }
        }

        return [.. all.Where(needed.Contains)];
    }

    public PipelineDecoding DecodePipeline(string path) => inner.DecodePipeline(path);

    public string Fill(string path, ExportedValue value) => inner.Fill(path, value);

    public IReadOnlyList<string> DependenciesOf(string path) => inner.DependenciesOf(path);

    public Cue.SourceSpan? SpanOf(string path) => inner.SpanOf(path);

    private bool Matches(string path) =>
        target.Length == 0 || path == target || path.StartsWith(target + ".", StringComparison.Ordinal) || target.StartsWith(path + ".", StringComparison.Ordinal);
}
