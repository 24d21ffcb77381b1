namespace Dagger.Runtime.Engine.Ops;

/// <summary><c>load</c>: replaces the state, and the image config, with another pipeline's.</summary>
public sealed record LoadOp(OpSource Source, PipelineReference From) : PipelineOp(Source)
{
    /// <inheritdoc />
    public override string Kind => "load";
}
