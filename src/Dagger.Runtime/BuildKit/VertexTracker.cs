using System.Collections.Concurrent;

using Dagger.Runtime.BuildKit.Protocol.Control;
using Dagger.Runtime.Llb;
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
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> locations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, State> states = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Vertex, string Id), bool> progress = [];
    private readonly Dictionary<(string Vertex, LogChannel Channel), List<byte>> partialLines = [];
    private readonly List<(string Digest, string Error)> failures = [];
    private readonly Lock gate = new();
    private bool closed;
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

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

        if (definition.Source is { Locations.Count: > 0 })
        {
            try
            {
                var parsed = LlbDefinition.FromProto(definition);
                foreach (var digest in definition.Source.Locations.Keys)
                {
                    locations[digest] = parsed.LocationsOf(new Llb.Digest(digest));
                }
            }
            catch (LlbException)
            {
                // Locations only improve messages; a definition the model cannot read is still solved.
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
            // Starts first and ends last, so a vertex's log lines fall between its start and its end.
            foreach (var v in status.Vertexes)
            {
                ApplyStart(v, events);
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
                AppendLog(log, events);
            }

            foreach (var v in status.Vertexes)
            {
                ApplyEnd(v, events);
            }

            var previous = changed;
            changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            previous.TrySetResult();
        }

        return events;
    }

    /// <summary>The log lines still waiting for their end of line, as events; called when no more status will come.</summary>
    internal List<BuildEvent> Flush()
    {
        var events = new List<BuildEvent>();
        lock (gate)
        {
            foreach (var key in partialLines.Keys.ToList())
            {
                FlushLine(key, DateTimeOffset.UtcNow, events);
            }
        }

        return events;
    }

    // Chunks become one event per line: a chunk may hold several lines or end in the middle of one.
    private void AppendLog(VertexLog log, List<BuildEvent> events)
    {
        var channel = log.Stream == 2 ? LogChannel.Stderr : LogChannel.Stdout;
        var key = (log.Vertex, channel);
        var at = log.Timestamp?.ToDateTimeOffset() ?? DateTimeOffset.UtcNow;
        var data = log.Msg.Span;
        while (data.Length > 0)
        {
            var end = data.IndexOf((byte)'\n');
            if (end < 0)
            {
                if (!partialLines.TryGetValue(key, out var pending))
                {
                    partialLines[key] = pending = [];
                }

                pending.AddRange(data);
                return;
            }

            byte[] line;
            if (partialLines.Remove(key, out var start))
            {
                start.AddRange(data[..end]);
                line = [.. start];
            }
            else
            {
                line = data[..end].ToArray();
            }

            events.Add(new VertexLogEvent(VertexOf(log.Vertex), at, channel, line));
            data = data[(end + 1)..];
        }
    }

    private void FlushLine((string Vertex, LogChannel Channel) key, DateTimeOffset at, List<BuildEvent> events)
    {
        if (partialLines.Remove(key, out var pending) && pending.Count > 0)
        {
            events.Add(new VertexLogEvent(VertexOf(key.Vertex), at, key.Channel, pending.ToArray()));
        }
    }

    private void ApplyStart(Protocol.Control.Vertex v, List<BuildEvent> events)
    {
        if (!states.TryGetValue(v.Digest, out var state))
        {
            state = new State(new BuildVertex(v.Digest, v.Name, CustomNameOf(v.Digest)) { Locations = LocationsOf(v.Digest) });
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
    }

    private void ApplyEnd(Protocol.Control.Vertex v, List<BuildEvent> events)
    {
        var state = states[v.Digest];
        if (v.Completed is null || state.Finished)
        {
            return;
        }

        state.Finished = true;
        var at = v.Completed.ToDateTimeOffset();
        FlushLine((v.Digest, LogChannel.Stdout), at, events);
        FlushLine((v.Digest, LogChannel.Stderr), at, events);
        if (v.Error.Length > 0)
        {
            var error = BuildErrorParser.Parse(v.Error, v.Digest, StatusCode.Unknown);
            failures.Add((v.Digest, error.Message));
            events.Add(new VertexFailedEvent(state.Vertex, at, error.Message, error.ExitCode));
        }
        else
        {
            events.Add(new VertexCompletedEvent(state.Vertex, at, v.Cached, state.StartedAt is { } start ? at - start : null));
        }
    }

    /// <summary>
    /// Finds the vertex whose failure produced <paramref name="message"/>. Docker Engine's gateway sends errors without
    /// BuildKit's typed details, so the failed vertex is matched by its error in the status stream, which may arrive
    /// a moment after the failed call returns.
    /// </summary>
    internal async Task<BuildVertex?> FindFailedAsync(string message, TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            Task next;
            lock (gate)
            {
                var match = failures.FindLast(f => message.Contains(f.Error, StringComparison.Ordinal) || f.Error.Contains(message, StringComparison.Ordinal));
                if (match.Digest is not null)
                {
                    return states[match.Digest].Vertex;
                }

                if (closed)
                {
                    return null;
                }

                next = changed.Task;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return null;
            }

            try
            {
                await next.WaitAsync(left, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return null;
            }
        }
    }

    /// <summary>Stops waiters of <see cref="FindFailedAsync"/> early: no more status will come.</summary>
    internal void Close()
    {
        lock (gate)
        {
            closed = true;
            changed.TrySetResult();
        }
    }

    private BuildVertex VertexOf(string digest) =>
        states.TryGetValue(digest, out var state) ? state.Vertex : Unknown(digest);

    private BuildVertex Unknown(string digest) =>
        new(digest, CustomNameOf(digest) ?? digest, CustomNameOf(digest)) { Locations = LocationsOf(digest) };

    private IReadOnlyList<string> LocationsOf(string digest) => locations.TryGetValue(digest, out var found) ? found : [];

    private string? CustomNameOf(string digest) => customNames.TryGetValue(digest, out var name) ? name : null;

    private sealed class State(BuildVertex vertex)
    {
        public BuildVertex Vertex { get; set; } = vertex;

        public bool Started { get; set; }

        public DateTimeOffset? StartedAt { get; set; }

        public bool Finished { get; set; }
    }
}
