namespace Dagger.Runtime.BuildKit;

/// <summary>The result of a gateway solve: a reference to a built filesystem, valid for the rest of its session.</summary>
/// <param name="RefId">The engine's reference id; read files from it with the session's Read*/Stat* methods.</param>
public sealed record SolveResult(string RefId);
