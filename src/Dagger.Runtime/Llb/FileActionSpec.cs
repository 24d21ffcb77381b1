namespace Dagger.Runtime.Llb;

/// <summary>What one file action does, independent of the state it is applied to.</summary>
internal abstract record FileActionSpec
{
    /// <summary>The protobuf action; <paramref name="dir"/> resolves relative paths, <paramref name="baseInput"/> resolves owner names.</summary>
    public abstract void SetAction(Pb.FileAction action, string dir, long baseInput);

    public abstract string Describe();

    /// <summary>Go's client path rule: clean, make absolute against <paramref name="dir"/>, keep a trailing "/" or "/." when asked.</summary>
    protected static string NormalizePath(string dir, string path, bool keepSlash)
    {
        string p = UnixPath.Clean(path);
        if (!UnixPath.IsAbs(p))
        {
            p = UnixPath.Join("/", dir, p);
        }

        if (keepSlash)
        {
            if (path.EndsWith('/') && !p.EndsWith('/'))
            {
                p += "/";
            }
            else if (path.EndsWith("/.", StringComparison.Ordinal))
            {
                if (p != "/")
                {
                    p += "/";
                }

                p += ".";
            }
        }

        return p;
    }

    protected static long Timestamp(DateTimeOffset? time) =>
        time is { } t ? (t.UtcTicks - DateTimeOffset.UnixEpoch.Ticks) * 100 : -1;
}
