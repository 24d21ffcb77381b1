using System.Text.RegularExpressions;

namespace Dagger.Runtime.Llb;

/// <summary>
/// Normalizes container image references the way the Docker CLI and BuildKit's LLB client do:
/// <c>busybox</c> becomes <c>docker.io/library/busybox:latest</c>, <c>index.docker.io</c> becomes <c>docker.io</c>,
/// and a reference with neither tag nor digest gets <c>:latest</c>.
/// </summary>
public static partial class ImageReference
{
    private const int MaxNameLength = 255;

    /// <summary>Returns the fully qualified form of <paramref name="reference"/>.</summary>
    /// <exception cref="LlbException">The reference is not a valid image reference; the message says why.</exception>
    public static string Normalize(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (Identifier().IsMatch(reference))
        {
            throw Invalid(reference, "a 64-digit hexadecimal image ID is not a repository name");
        }

        (string domain, string remainder) = SplitDomain(reference);
        int tagSeparator = remainder.IndexOf(':', StringComparison.Ordinal);
        string remoteName = tagSeparator >= 0 ? remainder[..tagSeparator] : remainder;
        if (!string.Equals(remoteName.ToLowerInvariant(), remoteName, StringComparison.Ordinal))
        {
            throw Invalid(reference, "the repository name must be lower-case");
        }

        Match match = Reference().Match(domain + "/" + remainder);
        if (!match.Success)
        {
            throw Invalid(reference, "expected [registry/]name[:tag][@digest]");
        }

        string name = match.Groups["name"].Value;
        if (name.Length > MaxNameLength)
        {
            throw Invalid(reference, $"the repository name is longer than {MaxNameLength} characters");
        }

        Group tag = match.Groups["tag"];
        Group digest = match.Groups["digest"];
        if (digest.Success && !Dagger.Runtime.Llb.Digest.IsValid(digest.Value))
        {
            throw Invalid(reference, $"\"{digest.Value}\" is not a valid sha256, sha384 or sha512 digest");
        }

        string result = name;
        if (tag.Success)
        {
            result += ":" + tag.Value;
        }
        else if (!digest.Success)
        {
            result += ":latest";
        }

        if (digest.Success)
        {
            result += "@" + digest.Value;
        }

        return result;
    }

    private static (string Domain, string Remainder) SplitDomain(string name)
    {
        int slash = name.IndexOf('/', StringComparison.Ordinal);
        string domain;
        string remainder;
        if (slash < 0 || (name.AsSpan(0, slash).IndexOfAny('.', ':') < 0 && name[..slash] != "localhost"))
        {
            (domain, remainder) = ("docker.io", name);
        }
        else
        {
            (domain, remainder) = (name[..slash], name[(slash + 1)..]);
        }

        if (domain == "index.docker.io")
        {
            domain = "docker.io";
        }

        if (domain == "docker.io" && !remainder.Contains('/', StringComparison.Ordinal))
        {
            remainder = "library/" + remainder;
        }

        return (domain, remainder);
    }

    private static LlbException Invalid(string reference, string why) =>
        new($"invalid image reference \"{reference}\": {why}");

    [GeneratedRegex(@"^[a-f0-9]{64}\z")]
    private static partial Regex Identifier();

    // Grammar of docker/distribution's reference package, with ASCII-only classes.
    [GeneratedRegex(
        @"^(?<name>(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?/)?"
        + @"[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*)*)"
        + @"(?::(?<tag>[0-9A-Za-z_][0-9A-Za-z_.-]{0,127}))?"
        + @"(?:@(?<digest>[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}
