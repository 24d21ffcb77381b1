using Dagger.Runtime.Llb;

namespace Dagger.Runtime.Engine.Compilation;

/// <summary>Resolves image references to their configuration (BuildKit's ResolveImageConfig, or a fake in tests).</summary>
public interface IImageResolver
{
    /// <summary>Resolves <paramref name="reference"/> (already normalized) for <paramref name="platform"/>.</summary>
    /// <exception cref="ImageResolveException">The image does not exist or cannot be reached.</exception>
    Task<ResolvedImage> ResolveAsync(string reference, Platform? platform, CancellationToken cancellationToken);
}
