namespace Dagger.Runtime.BuildKit;

/// <summary>A host folder a client session offers to builds as <c>local://NAME</c>.</summary>
/// <param name="Path">The folder.</param>
/// <param name="IncludePatterns">Only paths matching these are sent, unless the build names its own.</param>
/// <param name="ExcludePatterns">Paths matching these (<c>.dockerignore</c> syntax) are never sent; they replace the build's.</param>
public sealed record LocalDirectory(string Path, IReadOnlyList<string>? IncludePatterns = null, IReadOnlyList<string>? ExcludePatterns = null);
