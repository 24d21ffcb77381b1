namespace Dagger.Runtime.BuildKit;

/// <summary>An error reported by the engine, with the facts that could be read out of it.</summary>
/// <param name="Message">The message without gRPC's wrapping.</param>
/// <param name="VertexDigest">The digest of the vertex that failed, from the error's details.</param>
/// <param name="ExitCode">The exit code of a failed process.</param>
/// <param name="Code">The gRPC status code of the call that failed.</param>
public sealed record BuildError(string Message, string? VertexDigest, int? ExitCode, Grpc.Core.StatusCode Code)
{
    /// <summary>
    /// Whether the engine gave up waiting for a computation that concurrent requests share (BuildKit's flightcontrol),
    /// which happens on a busy engine and says nothing about the op. The build keeps such a vertex failed; a new build
    /// computes it afresh.
    /// </summary>
    public bool IsContention => Message.Contains("flightcontrol: exceeded retry timeout", StringComparison.Ordinal);
}
