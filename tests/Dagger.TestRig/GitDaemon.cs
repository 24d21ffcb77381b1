namespace Dagger.TestRig;

/// <summary><c>git daemon</c> on loopback, serving the public fixture repository over <c>git://</c>.</summary>
public sealed class GitDaemon : IAsyncDisposable
{
    private readonly LoopbackProcess process;

    private GitDaemon(LoopbackProcess process) => this.process = process;

    /// <summary>The port on 127.0.0.1.</summary>
    public int Port => process.Port;

    /// <summary>The base URL, such as <c>git://127.0.0.1:9418/</c>.</summary>
    public string BaseUrl => $"git://127.0.0.1:{Port}/";

    /// <summary>Starts the daemon. Only the public repository is exported; the private one stays unreachable here.</summary>
    public static async Task<GitDaemon> StartAsync(GitRepositories repositories, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(Path.Combine(repositories.Root, GitRepositories.Hello, "git-daemon-export-ok"), string.Empty, cancellationToken);
        return new GitDaemon(await LoopbackProcess.StartAsync(
            "git",
            port => ["daemon", "--reuseaddr", "--listen=127.0.0.1", $"--port={port}", $"--base-path={repositories.Root}", "--informative-errors", repositories.Root],
            null,
            cancellationToken));
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => process.DisposeAsync();
}
