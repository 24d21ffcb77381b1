using Dagger.Runtime.Llb;

namespace Dagger.Runtime.Engine.Compilation;

/// <summary>A Docker image tarball, as a file of a state that can be copied into a pipeline.</summary>
/// <param name="Archive">The state holding the tarball.</param>
/// <param name="Path">The tarball's path in <paramref name="Archive"/>.</param>
/// <param name="ImageId">The image id (the digest of its config).</param>
public sealed record SavedImage(State Archive, string Path, string ImageId);
