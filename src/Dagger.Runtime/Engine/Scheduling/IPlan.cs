using Dagger.Runtime.Engine.Exports;

namespace Dagger.Runtime.Engine.Scheduling;

/// <summary>The evaluated plan as the scheduler sees it: tasks, their pipelines, and where results go back.</summary>
public interface IPlan
{
    /// <summary>The paths of the values that have a pipeline (<c>#up</c>), in a stable order. May grow after fills.</summary>
    IReadOnlyList<string> TaskPaths();

    /// <summary>Reads the pipeline of the value at <paramref name="path"/>, a task or a value that a task references.</summary>
    /// <exception cref="Compilation.OpException">An op is invalid (an unknown <c>do</c>, a wrong field).</exception>
    PipelineDecoding DecodePipeline(string path);

    /// <summary>
    /// Parses an exported value and unifies it into the task at <paramref name="path"/>, re-evaluating what depends
    /// on it.
    /// </summary>
    /// <returns>The value filled, as compact JSON (for reports).</returns>
    /// <exception cref="Compilation.OpException">The exported text does not parse in its format.</exception>
    /// <exception cref="PlanException">The value does not satisfy the task's constraints.</exception>
    string Fill(string path, ExportedValue value);

    /// <summary>The tasks whose values the task at <paramref name="path"/> reads (for the dry run's task graph).</summary>
    IReadOnlyList<string> DependenciesOf(string path) => [];

    /// <summary>Where the task at <paramref name="path"/> is written, when known.</summary>
    Cue.SourceSpan? SpanOf(string path) => null;
}
