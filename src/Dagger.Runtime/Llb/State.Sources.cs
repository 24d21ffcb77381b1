namespace Dagger.Runtime.Llb;

public sealed partial class State
{
    private const string DefaultAuthTokenSecret = "GIT_AUTH_TOKEN";
    private const string DefaultAuthHeaderSecret = "GIT_AUTH_HEADER";

    /// <summary>
    /// The result of a graph marshalled elsewhere, such as the definition a frontend returns with its result. The
    /// graph's ops are spliced into any definition built from this state unchanged; an empty definition is scratch.
    /// The exec context starts empty: apply the image config that came with the graph, if any.
    /// </summary>
    /// <exception cref="LlbException">The definition does not end with a pointer to its result.</exception>
    public static State FromDefinition(LlbDefinition definition) => FromDefinition(definition, OpOptions.Default);

    /// <summary>
    /// A graph marshalled elsewhere, spliced in as <see cref="FromDefinition(LlbDefinition)"/> does; the ops of the
    /// graph that carry no tag of their own take <paramref name="options"/>' tag.
    /// </summary>
    /// <exception cref="LlbException">The definition does not end with a pointer to its result.</exception>
    public static State FromDefinition(LlbDefinition definition, OpOptions options)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Ops.Count == 0)
        {
            return Scratch;
        }

        var vertex = new DefinitionVertex(definition, options ?? OpOptions.Default);
        return FromOutput(new Output(vertex, vertex.ResultIndex, null));
    }

    /// <summary>
    /// A container image, e.g. <c>busybox</c> or <c>registry:5000/app@sha256:…</c>. The reference is normalized
    /// (<c>busybox</c> → <c>docker.io/library/busybox:latest</c>) so that equal images have equal digests.
    /// </summary>
    /// <exception cref="LlbException">The reference is invalid.</exception>
    public static State Image(string reference, ImageOptions? options = null)
    {
        options ??= new ImageOptions();
        string normalized = ImageReference.Normalize(reference);
        var attrs = new Dictionary<string, string>();
        var caps = new List<string> { Caps.SourceImage };
        if (options.ResolveMode != ImageResolveMode.Default)
        {
            attrs[SourceAttrs.ImageResolveMode] = options.ResolveMode switch
            {
                ImageResolveMode.ForcePull => "pull",
                ImageResolveMode.PreferLocal => "local",
                _ => throw new LlbException($"unknown image resolve mode {options.ResolveMode} for \"{reference}\""),
            };
            if (options.ResolveMode == ImageResolveMode.ForcePull)
            {
                caps.Add(Caps.SourceImageResolveMode);
            }
        }

        Platform? platform = options.Op.Platform?.Normalize();
        OpOptions op = options.Op with { Platform = platform };
        return FromOutput(new Output(new SourceVertex("docker-image://" + normalized, attrs, caps, op), 0, platform));
    }

    /// <summary>
    /// A git checkout of <paramref name="reference"/> (branch, tag or commit; empty for the default branch) from
    /// <paramref name="remote"/>, which may be an https://, http://, git:// or ssh:// URL, an scp-like
    /// <c>user@host:path</c>, or a bare <c>host/path</c> (fetched over https).
    /// </summary>
    /// <exception cref="LlbException">The remote is empty.</exception>
    public static State Git(string remote, string reference = "", GitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(remote);
        ArgumentNullException.ThrowIfNull(reference);
        options ??= new GitOptions();
        if (remote.Length == 0)
        {
            throw new LlbException("git source: the remote must not be empty");
        }

        GitRemote parsed = GitRemote.Parse(remote);
        string id = "git://" + parsed.Id + (reference.Length > 0 ? "#" + reference : "");
        var attrs = new Dictionary<string, string>();
        var caps = new List<string> { Caps.SourceGit };
        if (options.KeepGitDir)
        {
            attrs[SourceAttrs.GitKeepDir] = "true";
            caps.Add(Caps.SourceGitKeepDir);
        }

        attrs[SourceAttrs.GitFullUrl] = parsed.FullUrl;
        caps.Add(Caps.SourceGitFullUrl);

        string tokenSecret = options.AuthTokenSecret ?? DefaultAuthTokenSecret;
        if (tokenSecret.Length > 0)
        {
            attrs[SourceAttrs.GitAuthTokenSecret] = tokenSecret;
        }

        string headerSecret = options.AuthHeaderSecret ?? DefaultAuthHeaderSecret;
        if (headerSecret.Length > 0)
        {
            attrs[SourceAttrs.GitAuthHeaderSecret] = headerSecret;
        }

        if ((options.AuthTokenSecret ?? options.AuthHeaderSecret) is { Length: > 0 })
        {
            caps.Add(Caps.SourceGitHttpAuth);
        }

        if (parsed.IsSsh)
        {
            if (!string.IsNullOrEmpty(options.KnownSshHosts))
            {
                attrs[SourceAttrs.GitKnownSshHosts] = options.KnownSshHosts.TrimEnd('\n') + "\n";
            }

            caps.Add(Caps.SourceGitKnownSshHosts);
            attrs[SourceAttrs.GitMountSshSock] = string.IsNullOrEmpty(options.MountSshSock) ? "default" : options.MountSshSock;
            caps.Add(Caps.SourceGitMountSshSock);
        }

        return FromOutput(new Output(new SourceVertex(id, attrs, caps, options.Op), 0, null));
    }

    /// <summary>A file downloaded from an http:// or https:// <paramref name="url"/>.</summary>
    /// <exception cref="LlbException">The URL or the checksum is invalid.</exception>
    public static State Http(string url, HttpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        options ??= new HttpOptions();
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new LlbException($"http source: \"{url}\" is not an absolute http:// or https:// URL");
        }

        var attrs = new Dictionary<string, string>();
        var caps = new List<string> { Caps.SourceHttp };
        if (!string.IsNullOrEmpty(options.Checksum))
        {
            if (!Digest.IsValid(options.Checksum))
            {
                throw new LlbException($"http source {url}: checksum \"{options.Checksum}\" is not a valid digest (expected e.g. sha256:<64 hex digits>)");
            }

            attrs[SourceAttrs.HttpChecksum] = options.Checksum;
            caps.Add(Caps.SourceHttpChecksum);
        }

        if (!string.IsNullOrEmpty(options.Filename))
        {
            attrs[SourceAttrs.HttpFilename] = options.Filename;
        }

        Check.FileMode(options.Permissions, $"http source {url}");
        Check.Id(options.Uid, $"http source {url}: uid");
        Check.Id(options.Gid, $"http source {url}: gid");
        int perm = options.Permissions & 0x1FF;
        if (perm != 0)
        {
            attrs[SourceAttrs.HttpPerm] = "0" + Convert.ToString(perm, 8);
            caps.Add(Caps.SourceHttpPerm);
        }

        if (options.Uid != 0)
        {
            attrs[SourceAttrs.HttpUid] = options.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture);
            caps.Add(Caps.SourceHttpUidGid);
        }

        if (options.Gid != 0)
        {
            attrs[SourceAttrs.HttpGid] = options.Gid.ToString(System.Globalization.CultureInfo.InvariantCulture);
            caps.Add(Caps.SourceHttpUidGid);
        }

        return FromOutput(new Output(new SourceVertex(url, attrs, caps, options.Op), 0, null));
    }

    /// <summary>A directory of the client named <paramref name="name"/>, synced through the session.</summary>
    /// <exception cref="LlbException">The name is empty.</exception>
    public static State Local(string name, LocalOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        options ??= new LocalOptions();
        if (name.Length == 0)
        {
            throw new LlbException("local source: the name must not be empty");
        }

        var attrs = new Dictionary<string, string>();
        var caps = new List<string> { Caps.SourceLocal };
        if (!string.IsNullOrEmpty(options.SessionId))
        {
            attrs[SourceAttrs.LocalSessionId] = options.SessionId;
            caps.Add(Caps.SourceLocalSessionId);
        }

        if (options.IncludePatterns.Count > 0)
        {
            attrs[SourceAttrs.LocalIncludePatterns] = GoJson.StringArray(options.IncludePatterns);
            caps.Add(Caps.SourceLocalIncludePatterns);
        }

        if (options.FollowPaths.Count > 0)
        {
            attrs[SourceAttrs.LocalFollowPaths] = GoJson.StringArray(options.FollowPaths);
            caps.Add(Caps.SourceLocalFollowPaths);
        }

        if (options.ExcludePatterns.Count > 0)
        {
            attrs[SourceAttrs.LocalExcludePatterns] = GoJson.StringArray(options.ExcludePatterns);
            caps.Add(Caps.SourceLocalExcludePatterns);
        }

        if (!string.IsNullOrEmpty(options.SharedKeyHint))
        {
            attrs[SourceAttrs.LocalSharedKeyHint] = options.SharedKeyHint;
            caps.Add(Caps.SourceLocalSharedKeyHint);
        }

        return FromOutput(new Output(new SourceVertex("local://" + name, attrs, caps, options.Op), 0, null));
    }
}
