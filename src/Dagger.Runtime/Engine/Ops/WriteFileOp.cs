namespace Dagger.Runtime.Engine.Ops;

/// <summary><c>write-file</c>: writes a file into the state.</summary>
/// <param name="Source">Where the op comes from.</param>
/// <param name="Dest">The file's path.</param>
/// <param name="Content">The file's bytes.</param>
/// <param name="Mode">Its permission bits.</param>
public sealed record WriteFileOp(OpSource Source, string Dest, ReadOnlyMemory<byte> Content, int Mode = 0x1A4) : PipelineOp(Source)
{
    /// <inheritdoc />
    public override string Kind => "write-file";
}
