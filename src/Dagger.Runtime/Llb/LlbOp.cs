using Google.Protobuf;

namespace Dagger.Runtime.Llb;

/// <summary>One entry of a definition: the op's exact bytes, their digest, the decoded op and its metadata.</summary>
/// <param name="Digest">sha256 of <paramref name="Bytes"/>; BuildKit's cache key for the op.</param>
/// <param name="Bytes">The marshalled op exactly as sent.</param>
/// <param name="Op">The op decoded from <paramref name="Bytes"/>; a copy, changing it changes nothing else.</param>
/// <param name="Metadata">The op's metadata from the definition, or null.</param>
public sealed record LlbOp(Digest Digest, ByteString Bytes, Pb.Op Op, Pb.OpMetadata? Metadata)
{
    /// <summary>"source", "exec", "file", "build", or "result" for the final op that only points at the result.</summary>
    public string Kind => Op.OpCase switch
    {
        Pb.Op.OpOneofCase.Source => "source",
        Pb.Op.OpOneofCase.Exec => "exec",
        Pb.Op.OpOneofCase.File => "file",
        Pb.Op.OpOneofCase.Build => "build",
        _ => "result",
    };

    /// <summary>The <c>llb.customname</c> description entry, or null.</summary>
    public string? CustomName => Metadata?.Description.TryGetValue("llb.customname", out string? name) == true ? name : null;
}
