namespace Dagger.Runtime.Llb;

internal sealed record RmSpec(string Path, RmOptions Options) : FileActionSpec
{
    public override void SetAction(Pb.FileAction action, string dir, long baseInput) =>
        action.Rm = new Pb.FileActionRm
        {
            Path = NormalizePath(dir, Path, keepSlash: false),
            AllowNotFound = Options.AllowNotFound,
            AllowWildcard = Options.AllowWildcard,
        };

    public override string Describe() => "rm " + Path;
}
