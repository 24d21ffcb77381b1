using System.Collections.Concurrent;
using Dagger.Runtime.BuildKit;
using Dagger.Runtime.Engine.Compilation;
using Dagger.Runtime.Llb;

namespace Dagger.Runtime.Engine.Solving;

/// <summary>
/// Resolves images through a build session (a Docker Engine looks in its own store first), each reference once a run:
/// every task of a plan that starts from the same image sees the same image, for the cost of one round trip.
/// </summary>
public sealed class BuildKitImageResolver : IImageResolver
{
    private readonly ConcurrentDictionary<(string Reference, string? Platform), Lazy<Task<ResolvedImage>>> resolved = new();
    private readonly Func<string, Llb.Pb.Platform?, CancellationToken, Task<ImageConfigResult>> resolveConfig;

    /// <summary>Resolves through <paramref name="session"/>'s gateway.</summary>
    public BuildKitImageResolver(BuildSession session)
        : this((reference, platform, ct) => session.ResolveImageConfigAsync(reference, platform, ct))
    {
        ArgumentNullException.ThrowIfNull(session);
    }

    /// <summary>Resolves through the gateway of <paramref name="build"/>'s current session.</summary>
    public BuildKitImageResolver(RenewableBuild build)
        : this((reference, platform, ct) => build.Current.ResolveImageConfigAsync(reference, platform, ct))
    {
        ArgumentNullException.ThrowIfNull(build);
    }

    // The engine's side alone, so that the once-a-run caching can be checked without one.
    internal BuildKitImageResolver(Func<string, Llb.Pb.Platform?, CancellationToken, Task<ImageConfigResult>> resolveConfig) =>
        this.resolveConfig = resolveConfig;

    /// <inheritdoc />
    public async Task<ResolvedImage> ResolveAsync(string reference, Platform? platform, CancellationToken cancellationToken)
    {
        var key = (reference, platform?.ToString());
        var once = resolved.GetOrAdd(key, _ => new Lazy<Task<ResolvedImage>>(() => ResolveOnceAsync(reference, platform, cancellationToken)));
        try
        {
            return await once.Value.ConfigureAwait(false);
        }
        catch
        {
            // A failure (or a cancelled first caller) is not remembered: the next task asks the engine again.
            resolved.TryRemove(new KeyValuePair<(string, string?), Lazy<Task<ResolvedImage>>>(key, once));
            throw;
        }
    }

    private async Task<ResolvedImage> ResolveOnceAsync(string reference, Platform? platform, CancellationToken cancellationToken)
    {
        var wire = platform is null ? null : new Llb.Pb.Platform { OS = platform.OS, Architecture = platform.Architecture, Variant = platform.Variant };
        try
        {
            var image = await resolveConfig(reference, wire, cancellationToken).ConfigureAwait(false);
            return new ResolvedImage(reference, string.IsNullOrEmpty(image.Digest) ? null : image.Digest, image.ConfigJson);
        }
        catch (BuildFailedException e)
        {
            throw new ImageResolveException(e.Message, e);
        }
    }
}
