using Dagger.Action.Inputs;
using Octokit;
using Octokit.Internal;

namespace Dagger.Action.GitHub;

/// <summary>Makes the Octokit client of a run: the runner's API address, the token, and the rate-limit handler.</summary>
internal static class GitHubApi
{
    /// <summary>A client for <paramref name="apiUrl"/> authenticated with <paramref name="token"/>.</summary>
    public static IGitHubClient Create(Uri apiUrl, string token, ApiUsage usage, TimeProvider time, TimeSpan maxWait, CancellationToken stop)
    {
        var adapter = new HttpClientAdapter(() => new RateLimitHandler(usage, time, maxWait, stop) { InnerHandler = new SocketsHttpHandler() });
        var connection = new Connection(
            new ProductHeaderValue("dagger-dotnet-action", ToolVersion.OfAction),
            apiUrl,
            new InMemoryCredentialStore(new Credentials(token, AuthenticationType.Bearer)),
            adapter,
            new SimpleJsonSerializer());
        connection.SetRequestTimeout(TimeSpan.FromSeconds(30));
        return new GitHubClient(connection);
    }
}
