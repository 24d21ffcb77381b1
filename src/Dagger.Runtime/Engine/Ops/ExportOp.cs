namespace Dagger.Runtime.Engine.Ops;

/// <summary><c>export</c>: reads a file of the state into the value that holds the pipeline.</summary>
public sealed record ExportOp(OpSource Source, string Path, ExportFormat Format = ExportFormat.Text) : PipelineOp(Source)
{
    /// <inheritdoc />
    public override string Kind => "export";
}
