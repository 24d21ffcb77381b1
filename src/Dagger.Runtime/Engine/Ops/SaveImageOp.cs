namespace Dagger.Runtime.Engine.Ops;

/// <summary>
/// <c>save-image</c>: writes the state, with its image config, as a Docker image tarball tagged <paramref name="Tag"/>
/// at <paramref name="Dest"/> in the state, and the image id to <c>/dagger/image_id</c>.
/// </summary>
public sealed record SaveImageOp(OpSource Source, string Tag, string Dest) : PipelineOp(Source)
{
    /// <inheritdoc />
    public override string Kind => "save-image";
}
