using System.Text;
using Dagger.Runtime.Engine.Compilation;
using Dagger.Runtime.Llb;

namespace Dagger.Engine.UnitTests.Compilation;

/// <summary>Images by normalized reference, with their config; anything else does not exist.</summary>
internal sealed class FakeImageResolver(IReadOnlyDictionary<string, string> configs) : IImageResolver
{
    public List<string> Resolved { get; } = [];

    public string ConfigOf(string reference) => configs[reference];

    public Task<ResolvedImage> ResolveAsync(string reference, Platform? platform, CancellationToken cancellationToken)
    {
        lock (Resolved)
        {
            Resolved.Add(reference);
        }

        return configs.TryGetValue(reference, out var config)
            ? Task.FromResult(new ResolvedImage(reference, "sha256:" + new string('a', 64), Encoding.UTF8.GetBytes(config)))
            : throw new ImageResolveException($"docker.io/{reference}: not found");
    }
}
