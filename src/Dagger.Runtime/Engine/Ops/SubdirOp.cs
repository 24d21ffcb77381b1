namespace Dagger.Runtime.Engine.Ops;

/// <summary><c>subdir</c>: replaces the state with the contents of one of its directories.</summary>
public sealed record SubdirOp(OpSource Source, string Dir) : PipelineOp(Source)
{
    /// <inheritdoc />
    public override string Kind => "subdir";
}
