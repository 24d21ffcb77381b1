namespace Dagger.Runtime.Llb;

/// <summary>Source attribute keys understood by BuildKit v0.8.</summary>
internal static class SourceAttrs
{
    public const string GitKeepDir = "git.keepgitdir";
    public const string GitFullUrl = "git.fullurl";
    public const string GitAuthHeaderSecret = "git.authheadersecret";
    public const string GitAuthTokenSecret = "git.authtokensecret";
    public const string GitKnownSshHosts = "git.knownsshhosts";
    public const string GitMountSshSock = "git.mountsshsock";
    public const string LocalSessionId = "local.session";
    public const string LocalUniqueId = "local.unique";
    public const string LocalIncludePatterns = "local.includepattern";
    public const string LocalFollowPaths = "local.followpaths";
    public const string LocalExcludePatterns = "local.excludepatterns";
    public const string LocalSharedKeyHint = "local.sharedkeyhint";
    public const string HttpChecksum = "http.checksum";
    public const string HttpFilename = "http.filename";
    public const string HttpPerm = "http.perm";
    public const string HttpUid = "http.uid";
    public const string HttpGid = "http.gid";
    public const string ImageResolveMode = "image.resolvemode";
}
