namespace Dagger.Runtime.Engine.Ops;

/// <summary><c>mkdir</c>: creates a directory, and its missing parents, in the state.</summary>
/// <param name="Source">Where the op comes from.</param>
/// <param name="Path">The directory, relative to <paramref name="Dir"/> unless absolute.</param>
/// <param name="Dir">The base of a relative <paramref name="Path"/>.</param>
/// <param name="Mode">Its permission bits.</param>
public sealed record MkdirOp(OpSource Source, string Path, string Dir = "/", int Mode = 0x1ED) : PipelineOp(Source)
{
    /// <inheritdoc />
    public override string Kind => "mkdir";
}
