using Dagger.Runtime.Llb;

namespace Dagger.Runtime.Engine.Compilation;

/// <summary>
/// What the image ops need from the engine while a pipeline compiles: the Dockerfile frontend, pushes, image
/// tarballs and registry credentials (BuildKit through the run's sessions, or a fake in tests).
/// </summary>
public interface IImageServices
{
    /// <summary>Runs the Dockerfile frontend and returns the graph it produced, without building it.</summary>
    /// <exception cref="ImageServiceException">The frontend failed (no Dockerfile, a syntax error, an unknown base image...).</exception>
    Task<BuiltImage> BuildAsync(DockerfileBuild request, CancellationToken cancellationToken);

    /// <summary>Builds <paramref name="state"/> and pushes it, with <paramref name="imageConfig"/>, as <paramref name="reference"/>.</summary>
    /// <exception cref="ImageServiceException">The build or the push failed.</exception>
    Task<PushedImage> PushAsync(State state, ReadOnlyMemory<byte>? imageConfig, string reference, CancellationToken cancellationToken);

    /// <summary>Builds <paramref name="state"/> and makes a Docker image tarball of it tagged <paramref name="tag"/>.</summary>
    /// <exception cref="ImageServiceException">The build or the export failed.</exception>
    Task<SavedImage> SaveAsync(State state, ReadOnlyMemory<byte>? imageConfig, string tag, CancellationToken cancellationToken);

    /// <summary>
    /// Uses these credentials for the registry of <paramref name="target"/> for the rest of the run. The password is
    /// the secret <paramref name="secretId"/> or, when that is null, <paramref name="password"/>.
    /// </summary>
    /// <exception cref="ImageServiceException">The secret is unknown.</exception>
    Task LoginAsync(string target, string username, string? secretId, string? password, CancellationToken cancellationToken);
}
