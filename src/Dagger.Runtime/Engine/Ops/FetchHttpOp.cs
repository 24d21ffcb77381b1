namespace Dagger.Runtime.Engine.Ops;

/// <summary><c>fetch-http</c>: replaces the state with one downloaded file.</summary>
/// <param name="Source">Where the op comes from.</param>
/// <param name="Url">The http:// or https:// URL.</param>
/// <param name="Checksum">The expected digest of the content, if any.</param>
/// <param name="Filename">The file's name in the state; derived from the URL when null.</param>
/// <param name="Mode">The file's permission bits.</param>
/// <param name="Uid">The owner's uid; applied only with a non-zero gid too.</param>
/// <param name="Gid">The owner's gid; applied only with a non-zero uid too.</param>
public sealed record FetchHttpOp(
    OpSource Source,
    string Url,
    string? Checksum = null,
    string? Filename = null,
    int Mode = 0x1A4,
    int Uid = 0,
    int Gid = 0) : PipelineOp(Source)
{
    /// <inheritdoc />
    public override string Kind => "fetch-http";
}
