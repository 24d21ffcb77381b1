using System.Text;
using Dagger.Runtime.BuildKit;
using Dagger.Runtime.Engine.Compilation;
using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Llb;

namespace Dagger.Runtime.Engine.Solving;

/// <summary>
/// The image ops on a BuildKit engine. The Dockerfile frontend runs in the run's build session and its graph is
/// spliced into the pipeline, so the image is built with the rest of the wave; pushes and tarballs are exports, each
/// a build of its own (an export ends its build), sharing the engine's cache with the run's.
/// Tarballs are kept in a folder served by the client session until the run ends; dispose to remove it.
/// </summary>
public sealed class BuildKitImageServices : IImageServices, IDisposable
{
    private const string DockerfileFrontend = "dockerfile.v0";
    private const string ImageConfigKey = "containerimage.config";
    private const string ArchiveName = "image.tar";

    private readonly BuildKitClient client;
    private readonly RenewableBuild build;
    private readonly ClientSession session;
    private readonly Action<BuildEvent>? onEvent;
    private readonly VertexTable vertices;
    private readonly Lazy<string> archives = new(() => Directory.CreateTempSubdirectory("dagger-images-").FullName);
    private int saves;

    /// <summary>Creates the services for one run.</summary>
    /// <param name="client">The engine.</param>
    /// <param name="build">The run's build, in whose current session the frontend runs.</param>
    /// <param name="session">The run's client session: secrets, registry credentials, and the tarballs it serves.</param>
    /// <param name="onEvent">Receives the progress of pushes and tarball exports.</param>
    /// <param name="vertices">Learns the ops of every graph built, so that their progress is attributed.</param>
    public BuildKitImageServices(BuildKitClient client, RenewableBuild build, ClientSession session, VertexTable vertices, Action<BuildEvent>? onEvent = null)
    {
        this.vertices = vertices ?? throw new ArgumentNullException(nameof(vertices));
        this.client = client ?? throw new ArgumentNullException(nameof(client));
        this.build = build ?? throw new ArgumentNullException(nameof(build));
        this.session = session ?? throw new ArgumentNullException(nameof(session));
        this.onEvent = onEvent;
    }

    /// <inheritdoc />
    public async Task<BuiltImage> BuildAsync(DockerfileBuild request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        FrontendResult result;
        try
        {
            result = await build.Current.SolveFrontendAsync(
                DockerfileFrontend,
                request.Options,
                new Dictionary<string, LlbDefinition> { ["context"] = Learn(request.Context.Marshal()), ["dockerfile"] = Learn(request.Dockerfile.Marshal()) },
                cancellationToken).ConfigureAwait(false);
        }
        catch (BuildFailedException e)
        {
            throw new ImageServiceException(e.Error?.Message ?? e.Message, e) { ExitCode = e.ExitCode };
        }

        if (result.Definition is null)
        {
            throw new ImageServiceException(Messages.FrontendReturnedNoGraph);
        }

        var config = result.Metadata.TryGetValue(ImageConfigKey, out var json) ? json : (ReadOnlyMemory<byte>?)null;
        // The frontend's steps keep their own names ([2/3] RUN …); the op's tag attributes their progress to the op.
        return new BuiltImage(State.FromDefinition(result.Definition, new OpOptions { Tag = request.Op }), config);
    }

    /// <inheritdoc />
    public async Task<PushedImage> PushAsync(State state, ReadOnlyMemory<byte>? imageConfig, string reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var exported = await ExportAsync(state, new ImageExportTarget(reference, Push: true) { ImageConfig = imageConfig }, cancellationToken).ConfigureAwait(false);
        return exported.ImageDigest is { Length: > 0 } digest
            ? new PushedImage(reference, digest)
            : throw new ImageServiceException(Message.Format(Messages.RegistryReportedNoDigest, reference));
    }

    /// <inheritdoc />
    public async Task<SavedImage> SaveAsync(State state, ReadOnlyMemory<byte>? imageConfig, string tag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var folder = Path.Combine(archives.Value, Interlocked.Increment(ref saves).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var file = Path.Combine(folder, ArchiveName);
        var exported = await ExportAsync(state, new DockerArchiveExportTarget(file, tag) { ImageConfig = imageConfig }, cancellationToken).ConfigureAwait(false);
        var imageId = exported.ExporterResponse.TryGetValue("containerimage.config.digest", out var configDigest)
            ? configDigest
            : exported.ImageDigest ?? throw new ImageServiceException(Message.Format(Messages.EngineReportedNoImageId, tag));

        // The tarball can be large: it reaches the pipeline as a local directory, not inside the LLB. The directory's
        // name follows the image, not the temporary folder, so that the ops after it stay cached across runs.
        var key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"{state.Marshal().Result}\n{tag}")))[..16];
        var name = "dagger-image-" + key;
        session.AddDirectory(name, new LocalDirectory(folder));
        var archive = State.Local(name, new LocalOptions
        {
            SessionId = session.Id,
            IncludePatterns = [ArchiveName],
            SharedKeyHint = name,
            Op = new OpOptions { CustomName = $"image tarball {tag}" },
        });
        return new SavedImage(archive, "/" + ArchiveName, imageId);
    }

    /// <inheritdoc />
    public Task LoginAsync(string target, string username, string? secretId, string? password, CancellationToken cancellationToken)
    {
        string secret;
        if (secretId is not null)
        {
            secret = session.State.Secrets.TryGetValue(secretId, out var bytes)
                ? Encoding.UTF8.GetString(bytes)
                : throw new ImageServiceException(Messages.LoginSecretNotSupplied);
        }
        else
        {
            secret = password ?? throw new ImageServiceException(Messages.LoginNoPassword);
        }

        session.Auth.Register(RegistryAuth.NormalizeHost(target), new RegistryCredentials(username, secret));
        return Task.CompletedTask;
    }

    /// <summary>Removes the tarballs made during the run.</summary>
    public void Dispose()
    {
        if (archives.IsValueCreated)
        {
            try
            {
                Directory.Delete(archives.Value, recursive: true);
            }
            catch (IOException)
            {
                // Left in the temp folder: the run's result does not depend on it.
            }
        }
    }

    private async Task<ExportResult> ExportAsync(State state, ExportTarget target, CancellationToken cancellationToken)
    {
        try
        {
            return await client.ExportAsync(
                Learn(state.Marshal()).ToProto(),
                target,
                new BuildSessionOptions { ClientSession = session, OnEvent = onEvent },
                cancellationToken).ConfigureAwait(false);
        }
        catch (BuildFailedException e)
        {
            throw new ImageServiceException(e.Error?.Message ?? e.Message, e) { ExitCode = e.ExitCode };
        }
        catch (InvalidOperationException e)
        {
            // The Docker config or a credential helper is broken; the message says which.
            throw new ImageServiceException(e.Message, e);
        }
    }

    private LlbDefinition Learn(LlbDefinition definition)
    {
        vertices.Add(definition);
        return definition;
    }
}
