using Dagger.Runtime.BuildKit;
using Docker.DotNet;

namespace Dagger.TestRig;

/// <summary>
/// The whole hermetic rig for one test assembly: the engine, the local images and the loopback services. Start it
/// once in <c>[AssemblyInitialize]</c> with <see cref="StartAsync"/> and stop it in <c>[AssemblyCleanup]</c>.
/// </summary>
public sealed class Rig : IAsyncDisposable
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Rig? current;

    private Rig(EngineAddress engine, DockerClient docker, string root, GitRepositories git, GitDaemon gitDaemon, FixtureHttpServer http, LocalRegistry registry)
    {
        Engine = engine;
        Docker = docker;
        Root = root;
        Git = git;
        GitDaemon = gitDaemon;
        Http = http;
        Registry = registry;
    }

    /// <summary>The rig started by <see cref="StartAsync"/>.</summary>
    public static Rig Current => current ?? throw new InvalidOperationException("The rig is not started: call Rig.StartAsync in [AssemblyInitialize].");

    /// <summary>The engine address (a Docker Engine on these machines).</summary>
    public EngineAddress Engine { get; }

    /// <summary>A Docker Engine API client on the engine.</summary>
    public DockerClient Docker { get; }

    /// <summary>A temporary folder owned by the rig, removed at the end.</summary>
    public string Root { get; }

    /// <summary>The fixture git repositories.</summary>
    public GitRepositories Git { get; }

    /// <summary>The git daemon serving the public repository.</summary>
    public GitDaemon GitDaemon { get; }

    /// <summary>The HTTP server (files, smart-HTTP git, 404).</summary>
    public FixtureHttpServer Http { get; }

    /// <summary>The container registry.</summary>
    public LocalRegistry Registry { get; }

    /// <summary>Starts the rig, or returns the one already started.</summary>
    public static async Task<Rig> StartAsync(CancellationToken cancellationToken = default)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (current is not null)
            {
                return current;
            }

            var engine = await EngineEndpoint.GetAsync(cancellationToken);
            var dockerUri = await EngineEndpoint.GetDockerAsync(cancellationToken);
            // API 1.41 is what Docker 20.10 speaks at most; newer engines still accept it.
            var docker = new DockerClientBuilder().WithEndpoint(dockerUri).WithApiVersion(new Version(1, 41)).Build();
            // Testcontainers speaks a newer API than Docker 20.10 knows unless told which version the engine has.
            if (Environment.GetEnvironmentVariable("DOCKER_API_VERSION") is null)
            {
                var version = await docker.System.GetVersionAsync(cancellationToken);
                Environment.SetEnvironmentVariable("DOCKER_API_VERSION", version.APIVersion);
            }

            await TestImages.EnsureAsync(dockerUri.OriginalString, cancellationToken);

            var root = Directory.CreateTempSubdirectory("dagger-rig-").FullName;
            var git = await GitRepositories.CreateAsync(Path.Combine(root, "git"), cancellationToken);
            var gitDaemon = await GitDaemon.StartAsync(git, cancellationToken);
            var http = await FixtureHttpServer.StartAsync(Path.Combine(root, "files"), git, cancellationToken);
            var registry = await LocalRegistry.StartAsync(Path.Combine(root, "registry"), cancellationToken);
            current = new Rig(engine, docker, root, git, gitDaemon, http, registry);
            return current;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Stops the rig started by <see cref="StartAsync"/>, if any.</summary>
    public static async Task StopAsync()
    {
        if (current is not null)
        {
            await current.DisposeAsync();
            current = null;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Registry.DisposeAsync();
        await Http.DisposeAsync();
        await GitDaemon.DisposeAsync();
        Docker.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A service may still hold a file for a moment; the folder is under the temp dir either way.
        }
    }
}
