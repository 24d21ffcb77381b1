namespace Dagger.Runtime.Llb;

/// <summary>A copy from a state (<see cref="SourceState"/>) or from a bound chain in the same op (<see cref="SourceActions"/>).</summary>
internal sealed record CopySpec(State? SourceState, FileActionWithState? SourceActions, string Src, string Dest, CopyOptions Options)
    : FileActionSpec
{
    public override void SetAction(Pb.FileAction action, string dir, long baseInput)
    {
        string src = UnixPath.Clean(Src);
        if (!UnixPath.IsAbs(src))
        {
            State from = SourceState ?? SourceActions!.Bound.State;
            src = UnixPath.Join("/", from.Dir, src);
        }

        action.Copy = new Pb.FileActionCopy
        {
            Src = src,
            Dest = NormalizePath(dir, Dest, keepSlash: true),
            Owner = Options.Owner?.ToProto(baseInput),
            Mode = Options.Mode ?? -1,
            FollowSymlink = Options.FollowSymlinks,
            DirCopyContents = Options.CopyDirContentsOnly,
            AttemptUnpackDockerCompatibility = Options.AttemptUnpack,
            CreateDestPath = Options.CreateDestPath,
            AllowWildcard = Options.AllowWildcard,
            AllowEmptyWildcard = Options.AllowEmptyWildcard,
            Timestamp = Timestamp(Options.CreatedTime),
        };
    }

    public override string Describe() => $"copy {Src} {Dest}";
}
