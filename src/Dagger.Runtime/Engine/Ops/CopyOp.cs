namespace Dagger.Runtime.Engine.Ops;

/// <summary><c>copy</c>: copies <paramref name="Src"/> of another pipeline's result to <paramref name="Dest"/>.</summary>
/// <param name="Source">Where the op comes from.</param>
/// <param name="From">The pipeline to copy from.</param>
/// <param name="Src">The path (or glob) in that pipeline's result.</param>
/// <param name="Dest">The destination in the state; created if missing.</param>
public sealed record CopyOp(OpSource Source, PipelineReference From, string Src = "/", string Dest = "/") : PipelineOp(Source)
{
    /// <inheritdoc />
    public override string Kind => "copy";
}
