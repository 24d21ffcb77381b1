using System.Text.RegularExpressions;

namespace Dagger.Runtime.Llb;

/// <summary>
/// A git remote split the way BuildKit's client does: the source id drops the scheme and any SSH user and turns the
/// scp-like <c>host:path</c> into <c>host/path</c>, so that the same repository gets the same id over every transport;
/// the full URL keeps what is needed to fetch it.
/// </summary>
internal sealed partial record GitRemote(string Id, string FullUrl, bool IsSsh)
{
    private static readonly string[] Schemes = ["http://", "https://", "git://", "ssh://"];

    public static GitRemote Parse(string remote)
    {
        string url = remote.Split('#')[0];
        string rest = remote;
        string? scheme = Schemes.FirstOrDefault(s => rest.StartsWith(s, StringComparison.Ordinal));
        if (scheme is not null)
        {
            rest = rest[scheme.Length..];
        }

        bool ssh = scheme == "ssh://" || (scheme is null && ScpLike().IsMatch(rest));
        if (ssh)
        {
            int at = rest.IndexOf('@', StringComparison.Ordinal);
            if (at >= 0)
            {
                rest = rest[(at + 1)..];
            }

            int colon = rest.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                rest = rest[..colon] + "/" + rest[(colon + 1)..];
            }
        }
        else if (scheme is null)
        {
            url = "https://" + url;
        }

        return new GitRemote(rest, url, ssh);
    }

    [GeneratedRegex(@"^[a-zA-Z0-9_-]+@[a-zA-Z0-9.-]+:.*\z")]
    private static partial Regex ScpLike();
}
