using System.Globalization;

namespace Dagger.Runtime.Llb;

/// <summary>A user or group of a file owner: a numeric id, or a name looked up in the target filesystem.</summary>
public sealed record UserRef
{
    private UserRef(string? name, int id)
    {
        Name = name;
        Id = id;
    }

    /// <summary>The name, resolved against /etc/passwd or /etc/group of the filesystem being changed; null for an id.</summary>
    public string? Name { get; }

    /// <summary>The numeric id; meaningful when <see cref="Name"/> is null.</summary>
    public int Id { get; }

    /// <summary>A numeric uid or gid.</summary>
    public static UserRef ById(int id) => id >= 0 ? new UserRef(null, id) : throw new LlbException($"invalid user or group id {id}: it must not be negative");

    /// <summary>A user or group name.</summary>
    public static UserRef ByName(string name) => string.IsNullOrEmpty(name) ? throw new LlbException("a user or group name must not be empty") : new UserRef(name, 0);

    /// <summary>"root" and 32-bit numbers are ids, anything else a name, as BuildKit's client reads them.</summary>
    public static UserRef Parse(string text) =>
        text == "root" ? ById(0)
        : int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int id) ? ById(id)
        : ByName(text);

    internal Pb.UserOpt ToProto(long baseInput) =>
        Name is null
            ? new Pb.UserOpt { ByID = (uint)Id }
            : new Pb.UserOpt { ByName = new Pb.NamedUserOpt { Name = Name, Input = baseInput } };

    /// <inheritdoc />
    public override string ToString() => Name ?? Id.ToString(CultureInfo.InvariantCulture);
}
