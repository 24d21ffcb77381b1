namespace Dagger.Runtime.Engine.Ops;

/// <summary><c>workdir</c>: sets the working directory of later execs.</summary>
public sealed record WorkdirOp(OpSource Source, string Path) : PipelineOp(Source)
{
    /// <inheritdoc />
    public override string Kind => "workdir";
}
