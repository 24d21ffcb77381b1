using Dagger.Runtime.Engine.Compilation;

namespace Dagger.Runtime.Engine.Scheduling;

/// <summary>A task as a dry run sees it: compiled ahead, or waiting for values that only a run can compute.</summary>
/// <param name="Path">The task's CUE path.</param>
/// <param name="Pipeline">The compiled pipeline, when its ops are concrete before anything runs.</param>
/// <param name="Missing">What it waits for, otherwise.</param>
/// <param name="DependsOn">The tasks whose values it reads: the edges of the task graph.</param>
public sealed record DryRunTask(string Path, CompiledPipeline? Pipeline, IReadOnlyList<string> Missing, IReadOnlyList<string> DependsOn);
