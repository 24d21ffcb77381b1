namespace Dagger.Runtime.BuildKit;

/// <summary>The engine failed to build something, usually because one vertex (an exec, a file op, a source) failed.</summary>
public sealed class BuildFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BuildFailedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public BuildFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public BuildFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a failure the engine reported.</summary>
    /// <param name="error">What the engine reported, parsed.</param>
    /// <param name="vertex">The vertex that failed, when the engine named one and it is known.</param>
    /// <param name="innerException">The transport error, if any.</param>
    public BuildFailedException(BuildError error, BuildVertex? vertex, Exception? innerException)
        : base(Describe(error, vertex), innerException)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
        Vertex = vertex;
    }

    /// <summary>The parsed error.</summary>
    public BuildError? Error { get; }

    /// <summary>The vertex that failed, when known.</summary>
    public BuildVertex? Vertex { get; }

    /// <summary>The exit code of the failed process, for an exec.</summary>
    public int? ExitCode => Error?.ExitCode;

    private static string Describe(BuildError error, BuildVertex? vertex) =>
        vertex is null ? error.Message
        : vertex.Locations.Count == 0 ? $"{vertex.DisplayName}: {error.Message}"
        : $"{vertex.DisplayName} ({string.Join(", ", vertex.Locations)}): {error.Message}";
}
