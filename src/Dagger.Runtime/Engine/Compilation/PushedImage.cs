namespace Dagger.Runtime.Engine.Compilation;

/// <summary>A pushed image.</summary>
/// <param name="Reference">The normalized reference it was pushed to, as in <c>127.0.0.1:5000/app:1.0</c>.</param>
/// <param name="Digest">The digest of the pushed manifest.</param>
public sealed record PushedImage(string Reference, string Digest);
