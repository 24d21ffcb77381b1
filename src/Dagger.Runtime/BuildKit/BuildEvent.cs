namespace Dagger.Runtime.BuildKit;

/// <summary>Something that happened to a vertex during a build; front ends render these.</summary>
/// <param name="Vertex">The vertex concerned.</param>
/// <param name="Timestamp">When the engine says it happened.</param>
public abstract record BuildEvent(BuildVertex Vertex, DateTimeOffset Timestamp);

/// <summary>The engine started working on a vertex.</summary>
public sealed record VertexStartedEvent(BuildVertex Vertex, DateTimeOffset Timestamp) : BuildEvent(Vertex, Timestamp);

/// <summary>A vertex finished successfully, either computed or taken from the cache.</summary>
/// <param name="Vertex">The vertex concerned.</param>
/// <param name="Timestamp">When it completed.</param>
/// <param name="Cached">Whether the result came from the cache.</param>
/// <param name="Duration">How long it ran, when the engine reported a start.</param>
public sealed record VertexCompletedEvent(BuildVertex Vertex, DateTimeOffset Timestamp, bool Cached, TimeSpan? Duration)
    : BuildEvent(Vertex, Timestamp);

/// <summary>A vertex failed.</summary>
/// <param name="Vertex">The vertex concerned.</param>
/// <param name="Timestamp">When it failed.</param>
/// <param name="Error">The engine's error, cleaned of transport noise.</param>
/// <param name="ExitCode">The exit code of the failed process, for an exec.</param>
public sealed record VertexFailedEvent(BuildVertex Vertex, DateTimeOffset Timestamp, string Error, int? ExitCode)
    : BuildEvent(Vertex, Timestamp);

/// <summary>One line of output of a vertex's process (or of the engine working on it).</summary>
/// <param name="Vertex">The vertex concerned.</param>
/// <param name="Timestamp">When the engine received the output.</param>
/// <param name="Channel">Which stream the line was written to.</param>
/// <param name="Data">The line's bytes, without its line feed; the last line of a vertex may have had none.</param>
public sealed record VertexLogEvent(BuildVertex Vertex, DateTimeOffset Timestamp, LogChannel Channel, ReadOnlyMemory<byte> Data)
    : BuildEvent(Vertex, Timestamp)
{
    /// <summary>The line decoded as UTF-8.</summary>
    public string Text => System.Text.Encoding.UTF8.GetString(Data.Span);
}

/// <summary>Progress of a task inside a vertex, such as a layer being extracted or files being transferred.</summary>
/// <param name="Vertex">The vertex concerned.</param>
/// <param name="Timestamp">When the engine measured it.</param>
/// <param name="Id">The task's identifier, stable across updates.</param>
/// <param name="Name">What the task is doing.</param>
/// <param name="Current">Units done so far.</param>
/// <param name="Total">Units expected, or 0 when unknown.</param>
/// <param name="Completed">Whether the task has finished.</param>
public sealed record VertexProgressEvent(
    BuildVertex Vertex, DateTimeOffset Timestamp, string Id, string Name, long Current, long Total, bool Completed)
    : BuildEvent(Vertex, Timestamp);

/// <summary>The stream a log chunk belongs to.</summary>
public enum LogChannel
{
    /// <summary>Standard output.</summary>
    Stdout = 1,

    /// <summary>Standard error.</summary>
    Stderr = 2,
}
