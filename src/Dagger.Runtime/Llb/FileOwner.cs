namespace Dagger.Runtime.Llb;

/// <summary>The owner given to files created or copied by a file action.</summary>
/// <param name="User">The owning user; null leaves BuildKit's default.</param>
/// <param name="Group">The owning group; null leaves BuildKit's default.</param>
public sealed record FileOwner(UserRef? User, UserRef? Group)
{
    /// <summary>Parses <c>user</c> or <c>user:group</c>, each part an id, "root" or a name.</summary>
    /// <exception cref="LlbException">A part is empty.</exception>
    public static FileOwner Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        try
        {
            return colon < 0
                ? new FileOwner(UserRef.Parse(text), null)
                : new FileOwner(UserRef.Parse(text[..colon]), UserRef.Parse(text[(colon + 1)..]));
        }
        catch (LlbException e)
        {
            throw new LlbException($"invalid owner \"{text}\": {e.Message}", e);
        }
    }

    /// <summary>Numeric uid and gid.</summary>
    public static FileOwner Ids(int uid, int gid) => new(UserRef.ById(uid), UserRef.ById(gid));

    internal Pb.ChownOpt ToProto(long baseInput) =>
        new() { User = User?.ToProto(baseInput), Group = Group?.ToProto(baseInput) };
}
