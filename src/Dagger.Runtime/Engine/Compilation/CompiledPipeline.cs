using Dagger.Runtime.Llb;

namespace Dagger.Runtime.Engine.Compilation;

/// <summary>A pipeline compiled to one LLB graph.</summary>
/// <param name="Path">The CUE path of the value that holds the pipeline.</param>
/// <param name="State">The final state: what <c>load</c>, <c>copy</c> and mounts of this pipeline use.</param>
/// <param name="ImageConfig">The image configuration the pipeline carries (from <c>fetch-container</c> or <c>load</c>), if any.</param>
/// <param name="Exports">The values to read back, in op order.</param>
/// <param name="Steps">The state after each op, for strategies that solve op by op.</param>
public sealed record CompiledPipeline(
    string Path,
    State State,
    ReadOnlyMemory<byte>? ImageConfig,
    IReadOnlyList<ExportPoint> Exports,
    IReadOnlyList<PipelineStep> Steps);
