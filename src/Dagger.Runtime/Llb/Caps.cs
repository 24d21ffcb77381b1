namespace Dagger.Runtime.Llb;

/// <summary>BuildKit LLB capability ids (v0.8) that our ops declare in their metadata.</summary>
internal static class Caps
{
    public const string SourceImage = "source.image";
    public const string SourceImageResolveMode = "source.image.resolvemode";
    public const string SourceLocal = "source.local";
    public const string SourceLocalUnique = "source.local.unique";
    public const string SourceLocalSessionId = "source.local.sessionid";
    public const string SourceLocalIncludePatterns = "source.local.includepatterns";
    public const string SourceLocalFollowPaths = "source.local.followpaths";
    public const string SourceLocalExcludePatterns = "source.local.excludepatterns";
    public const string SourceLocalSharedKeyHint = "source.local.sharedkeyhint";
    public const string SourceGit = "source.git";
    public const string SourceGitKeepDir = "source.git.keepgitdir";
    public const string SourceGitFullUrl = "source.git.fullurl";
    public const string SourceGitHttpAuth = "source.git.httpauth";
    public const string SourceGitKnownSshHosts = "source.git.knownsshhosts";
    public const string SourceGitMountSshSock = "source.git.mountsshsock";
    public const string SourceHttp = "source.http";
    public const string SourceHttpChecksum = "source.http.checksum";
    public const string SourceHttpPerm = "source.http.perm";

    // Misspelt upstream; the misspelling is the id.
    public const string SourceHttpUidGid = "soruce.http.uidgid";

    public const string ExecMetaBase = "exec.meta.base";
    public const string ExecMetaProxy = "exec.meta.proxyenv";
    public const string ExecMetaNetwork = "exec.meta.network";
    public const string ExecMetaSecurity = "exec.meta.security";
    public const string ExecMountBind = "exec.mount.bind";
    public const string ExecMountCache = "exec.mount.cache";
    public const string ExecMountCacheSharing = "exec.mount.cache.sharing";
    public const string ExecMountSelector = "exec.mount.selector";
    public const string ExecMountTmpfs = "exec.mount.tmpfs";
    public const string ExecMountSecret = "exec.mount.secret";
    public const string ExecMountSsh = "exec.mount.ssh";
    public const string FileBase = "file.base";
    public const string Constraints = "constraints";
    public const string Platform = "platform";
    public const string MetaIgnoreCache = "meta.ignorecache";
    public const string MetaDescription = "meta.description";
    public const string MetaExportCache = "meta.exportcache";
}
