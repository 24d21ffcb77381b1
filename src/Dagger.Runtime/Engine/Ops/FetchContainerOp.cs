namespace Dagger.Runtime.Engine.Ops;

/// <summary><c>fetch-container</c>: replaces the state with an image and applies its config.</summary>
public sealed record FetchContainerOp(OpSource Source, string Ref) : PipelineOp(Source)
{
    /// <inheritdoc />
    public override string Kind => "fetch-container";
}
