using Google.Protobuf;

namespace Dagger.Runtime.Llb;

internal sealed record MkfileSpec(string Path, int Mode, byte[] Data, MkfileOptions Options) : FileActionSpec
{
    public override void SetAction(Pb.FileAction action, string dir, long baseInput) =>
        action.Mkfile = new Pb.FileActionMkFile
        {
            Path = NormalizePath(dir, Path, keepSlash: false),
            Mode = Mode & 0x1FF,
            Data = ByteString.CopyFrom(Data),
            Owner = Options.Owner?.ToProto(baseInput),
            Timestamp = Timestamp(Options.CreatedTime),
        };

    public override string Describe() => "mkfile " + Path;
}
