namespace Dagger.Runtime.Llb;

internal sealed record MkdirSpec(string Path, int Mode, MkdirOptions Options) : FileActionSpec
{
    public override void SetAction(Pb.FileAction action, string dir, long baseInput) =>
        action.Mkdir = new Pb.FileActionMkDir
        {
            Path = NormalizePath(dir, Path, keepSlash: false),
            Mode = Mode & 0x1FF,
            MakeParents = Options.MakeParents,
            Owner = Options.Owner?.ToProto(baseInput),
            Timestamp = Timestamp(Options.CreatedTime),
        };

    public override string Describe() => "mkdir " + Path;
}
