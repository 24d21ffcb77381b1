namespace Dagger.TestRig;

/// <summary>A container registry on loopback, from Debian's <c>docker-registry</c>, storing into a temporary folder.</summary>
public sealed class LocalRegistry : IAsyncDisposable
{
    /// <summary>Where Debian's package puts the binary.</summary>
    public const string Binary = "/usr/bin/docker-registry";

    private readonly LoopbackProcess process;

    private LocalRegistry(LoopbackProcess process) => this.process = process;

    /// <summary>The port on 127.0.0.1.</summary>
    public int Port => process.Port;

    /// <summary>The registry host for image references, such as <c>127.0.0.1:5000</c>. Docker Engine treats loopback registries as insecure (plain HTTP).</summary>
    public string Host => $"127.0.0.1:{Port}";

    /// <summary>Starts a registry whose data lives under <paramref name="root"/>.</summary>
    public static async Task<LocalRegistry> StartAsync(string root, CancellationToken cancellationToken)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: install Debian's docker-registry (scripts/test does).");
        }

        Directory.CreateDirectory(root);
        var config = Path.Combine(root, "config.yml");
        return new LocalRegistry(await LoopbackProcess.StartAsync(
            Binary,
            _ => ["serve", config],
            port => File.WriteAllTextAsync(
                config,
                $"""
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: {Path.Combine(root, "data")}
                  delete:
                    enabled: true
                http:
                  addr: 127.0.0.1:{port}
                """,
                cancellationToken),
            cancellationToken));
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => process.DisposeAsync();
}
