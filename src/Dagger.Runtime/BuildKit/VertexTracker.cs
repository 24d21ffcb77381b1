using System.Collections.Concurrent;

using Dagger.Runtime.BuildKit.Protocol.Control;
using Dagger.Runtime.Llb.Pb;

using Grpc.Core;

namespace Dagger.Runtime.BuildKit;

/// <summary>
/// Turns BuildKit's status stream, which repeats a vertex each time anything about it changes, into one event per
/// transition; and remembers names so errors can name the vertex that failed.
/// </summary>
internal sealed class VertexTracker
{
    /// <summary>The description key BuildKit shows as a vertex's name.</summary>
    internal const string CustomNameKey = "llb.customname";

    private readonly ConcurrentDictionary<string, string> customNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, State> states = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Vertex, string Id), bool> progress = [];
    private readonly Lock gate = new();

    /// <summary>Remembers the custom names in a definition about to be solved.</summary>
    internal void Register(Definition definition)
    {
        foreach (var (digest, metadata) in definition.Metadata)
        {
            if (metadata.Description.TryGetValue(CustomNameKey, out var name) && name.Length > 0)
            {
                customNames[digest] = name;
            }
        }
    }

    /// <summary>The vertex with that digest, as far as it is known.</summary>
    internal BuildVertex Describe(string digest)
    {
        lock (gate)
        {
            return states.TryGetValue(digest, out var state) ? state.Vertex : Unknown(digest);
        }
    }

    /// <summary>Folds one status message into the known state and returns the events it caused.</summary>
    internal List<BuildEvent> Apply(StatusResponse status)
    {
        var events = new List<BuildEvent>();
        lock (gate)
        {
            foreach (var v in status.Vertexes)
            {
                ApplyVertex(v, events);
            }

            foreach (var s in status.Statuses)
            {
                var completed = s.Completed is not null;
                var key = (s.Vertex, s.ID);
                if (progress.TryGetValue(key, out var wasCompleted) && wasCompleted)
                {
                    continue;
                }

                progress[key] = completed;
                events.Add(new VertexProgressEvent(
                    VertexOf(s.Vertex),
                    s.Timestamp?.ToDateTimeOffset() ?? DateTimeOffset.UtcNow,
                    s.ID,
                    s.Name,
                    s.Current,
                    s.Total,
                    completed));
            }

            foreach (var log in status.Logs)
            {
                events.Add(new VertexLogEvent(
                    VertexOf(log.Vertex),
                    log.Timestamp?.ToDateTimeOffset() ?? DateTimeOffset.UtcNow,
                    log.Stream == 2 ? LogChannel.Stderr : LogChannel.Stdout,
                    log.Msg.Memory));
            }
        }

        return events;
    }

    private void ApplyVertex(Protocol.Control.Vertex v, List<BuildEvent> events)
    {
        if (!states.TryGetValue(v.Digest, out var state))
        {
            state = new State(new BuildVertex(v.Digest, v.Name, CustomNameOf(v.Digest)));
            states[v.Digest] = state;
        }
        else if (state.Vertex.Name != v.Name && v.Name.Length > 0)
        {
            state.Vertex = state.Vertex with { Name = v.Name };
        }

        if (v.Started is not null && !state.Started)
        {
            state.Started = true;
            state.StartedAt = v.Started.ToDateTimeOffset();
            events.Add(new VertexStartedEvent(state.Vertex, state.StartedAt.Value));
        }

        if (v.Completed is null || state.Finished)
        {
            return;
        }

        state.Finished = true;
        var at = v.Completed.ToDateTimeOffset();
        if (v.Error.Length > 0)
        {
            var error = BuildErrorParser.Parse(v.Error, v.Digest, StatusCode.Unknown);
            events.Add(new VertexFailedEvent(state.Vertex, at, error.Message, error.ExitCode));
        }
        else
        {
            events.Add(new VertexCompletedEvent(state.Vertex, at, v.Cached, state.StartedAt is { } start ? at - start : null));
        }
    }

    private BuildVertex VertexOf(string digest) =>
        states.TryGetValue(digest, out var state) ? state.Vertex : Unknown(digest);

    private BuildVertex Unknown(string digest) => new(digest, CustomNameOf(digest) ?? digest, CustomNameOf(digest));

    private string? CustomNameOf(string digest) => customNames.TryGetValue(digest, out var name) ? name : null;

    private sealed class State(BuildVertex vertex)
    {
        public BuildVertex Vertex { get; set; } = vertex;

        public bool Started { get; set; }

        public DateTimeOffset? StartedAt { get; set; }

        public bool Finished { get; set; }
    }
}