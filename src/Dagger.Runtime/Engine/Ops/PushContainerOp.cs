namespace Dagger.Runtime.Engine.Ops;

/// <summary>
/// <c>push-container</c>: pushes the state, with its image config, to <paramref name="Ref"/>, then adds
/// <c>/dagger/image_digest</c> and <c>/dagger/image_ref</c> to it.
/// </summary>
public sealed record PushContainerOp(OpSource Source, string Ref) : PipelineOp(Source)
{
    /// <inheritdoc />
    public override string Kind => "push-container";
}
