namespace Dagger.MSBuild;

/// <summary>The kinds of <c>DaggerInput</c>, each with the tool's option that gives it and how its value is read.</summary>
/// <param name="Name">The <c>Kind</c> metadata's value.</param>
/// <param name="Option">The tool's option: <c>--input-string</c>, ….</param>
/// <param name="ValueIsPath">Whether <c>Value</c> is a path, taken relative to the project's folder.</param>
internal sealed record InputKind(string Name, string Option, bool ValueIsPath)
{
    /// <summary>A secret: <c>EnvironmentVariable</c> names the variable that holds it; it never has a <c>Value</c>.</summary>
    public static readonly InputKind Secret = new("secret", "--input-secret", ValueIsPath: false);

    /// <summary>Every kind, in the order the documentation lists them.</summary>
    public static readonly IReadOnlyList<InputKind> All =
    [
        new("text", "--input-string", ValueIsPath: false),
        new("json", "--input-json", ValueIsPath: true),
        new("yaml", "--input-yaml", ValueIsPath: true),
        new("bool", "--input-bool", ValueIsPath: false),
        new("file", "--input-file", ValueIsPath: true),
        new("dir", "--input-dir", ValueIsPath: true),
        new("git", "--input-git", ValueIsPath: false),
        Secret,
    ];

    /// <summary>The kind named <paramref name="name"/> (any case), or null.</summary>
    public static InputKind? Find(string name) =>
        All.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase));
}
