using Dagger.TestRig;
using Docker.DotNet.Models;

namespace Dagger.Engine.IntegrationTests.Plans;

/// <summary>
/// The rig's addresses, which change from run to run, for fixtures to name as <c>@@NAME@@</c>: <c>REGISTRY</c>
/// (host:port of the local registry, which holds <c>dagger-test/busybox:v1</c>), <c>DIGEST</c> (that image's
/// manifest digest), <c>GIT</c> (the git daemon's base URL), <c>HTTP</c> (the HTTP server's base URL) and
/// <c>GIT_TOKEN</c> (the token of the private repository).
/// </summary>
internal static class FixturePlaceholders
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IReadOnlyDictionary<string, string>? values;

    public static async Task<string> ExpandAsync(string text, CancellationToken cancellationToken)
    {
        if (!text.Contains("@@", StringComparison.Ordinal))
        {
            return text;
        }

        foreach (var (name, value) in await ValuesAsync(cancellationToken))
        {
            text = text.Replace("@@" + name + "@@", value, StringComparison.Ordinal);
        }

        return text;
    }

    private static async Task<IReadOnlyDictionary<string, string>> ValuesAsync(CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            var rig = Rig.Current;
            return values ??= new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["REGISTRY"] = rig.Registry.Host,
                ["DIGEST"] = await PushBusyboxAsync(rig, cancellationToken),
                ["GIT"] = rig.GitDaemon.BaseUrl,
                ["HTTP"] = rig.Http.BaseUrl,
                ["GIT_TOKEN"] = rig.Http.GitToken,
            };
        }
        finally
        {
            Gate.Release();
        }
    }

    // Images imported into the engine's store have no registry digest: pushing one to the local registry gives it one.
    private static async Task<string> PushBusyboxAsync(Rig rig, CancellationToken cancellationToken)
    {
        var repository = $"{rig.Registry.Host}/dagger-test/busybox";
        await rig.Docker.Images.TagImageAsync(TestImages.Busybox, new ImageTagParameters { RepositoryName = repository, Tag = "v1" }, cancellationToken);
        var errors = new List<string>();
        await rig.Docker.Images.PushImageAsync(
            repository,
            new ImagePushParameters { Tag = "v1" },
            new AuthConfig(),
            new Progress<JSONMessage>(m =>
            {
                if (m.Error is not null)
                {
                    lock (errors)
                    {
                        errors.Add(m.Error.Message ?? "push error");
                    }
                }
            }),
            cancellationToken);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"pushing {repository}:v1 failed: {string.Join("; ", errors)}");
        }

        var image = await rig.Docker.Images.InspectImageAsync($"{repository}:v1", cancellationToken);
        var digest = image.RepoDigests.First(d => d.StartsWith(repository + "@", StringComparison.Ordinal));
        // Untagged again, so that the engine has to pull it from the registry rather than find it in its store.
        await rig.Docker.Images.DeleteImageAsync($"{repository}:v1", new ImageDeleteParameters(), cancellationToken);
        return digest[(repository.Length + 1)..];
    }
}
