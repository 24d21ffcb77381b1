using Dagger.Runtime.BuildKit;
using Dagger.Runtime.Engine.Compilation;
using Dagger.Runtime.Llb;

namespace Dagger.Runtime.Engine.Solving;

/// <summary>Resolves images through a build session (a Docker Engine looks in its own store first).</summary>
public sealed class BuildKitImageResolver(BuildSession session) : IImageResolver
{
    /// <inheritdoc />
    public async Task<ResolvedImage> ResolveAsync(string reference, Platform? platform, CancellationToken cancellationToken)
    {
        var wire = platform is null ? null : new Llb.Pb.Platform { OS = platform.OS, Architecture = platform.Architecture, Variant = platform.Variant };
        try
        {
            var resolved = await session.ResolveImageConfigAsync(reference, wire, cancellationToken).ConfigureAwait(false);
            return new ResolvedImage(reference, string.IsNullOrEmpty(resolved.Digest) ? null : resolved.Digest, resolved.ConfigJson);
        }
        catch (BuildFailedException e)
        {
            throw new ImageResolveException(e.Message, e);
        }
    }
}
