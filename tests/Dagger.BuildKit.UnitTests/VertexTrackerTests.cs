using Dagger.Runtime.BuildKit;
using Dagger.Runtime.BuildKit.Protocol.Control;
using Dagger.Runtime.Llb.Pb;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Dagger.BuildKit.UnitTests;

[TestClass]
public sealed class VertexTrackerTests
{
    private static readonly Timestamp T0 = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private static readonly Timestamp T1 = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 1, 1, 0, 0, 2, TimeSpan.Zero));

    private static StatusResponse Vertex(string digest, Timestamp? started = null, Timestamp? completed = null, bool cached = false, string error = "")
    {
        var status = new StatusResponse();
        status.Vertexes.Add(new Runtime.BuildKit.Protocol.Control.Vertex { Digest = digest, Name = "engine name", Started = started, Completed = completed, Cached = cached, Error = error });
        return status;
    }

    private static StatusResponse Log(string digest, string text, long stream = 1)
    {
        var status = new StatusResponse();
        status.Logs.Add(new VertexLog { Vertex = digest, Stream = stream, Msg = ByteString.CopyFromUtf8(text), Timestamp = T0 });
        return status;
    }

    [TestMethod]
    public void Logs_become_lines_between_start_and_end_with_the_custom_name()
    {
        var tracker = new VertexTracker();
        var definition = new Definition();
        var meta = new OpMetadata();
        meta.Description.Add("llb.customname", "plan.build.#up[1]");
        definition.Metadata.Add("sha256:a", meta);
        tracker.Register(definition);

        var events = new List<BuildEvent>();
        events.AddRange(tracker.Apply(Vertex("sha256:a", started: T0)));
        events.AddRange(tracker.Apply(Log("sha256:a", "one\ntw")));
        events.AddRange(tracker.Apply(Log("sha256:a", "err\n", stream: 2)));
        events.AddRange(tracker.Apply(Log("sha256:a", "o\nthree")));
        events.AddRange(tracker.Apply(Vertex("sha256:a", started: T0, completed: T1)));
        events.AddRange(tracker.Apply(Vertex("sha256:a", started: T0, completed: T1)));

        var described = events.Select(e => e switch
        {
            VertexStartedEvent => "start",
            VertexLogEvent l => $"{l.Channel}:{l.Text}",
            VertexCompletedEvent c => $"done cached={c.Cached} {c.Duration?.TotalSeconds}s",
            _ => e.ToString(),
        }).ToArray();
        CollectionAssert.AreEqual(new[] { "start", "Stdout:one", "Stderr:err", "Stdout:two", "Stdout:three", "done cached=False 2s" }, described);
        Assert.IsTrue(events.All(e => e.Vertex.DisplayName == "plan.build.#up[1]"));
    }

    [TestMethod]
    public void Cached_and_failed_vertices_are_reported_once()
    {
        var tracker = new VertexTracker();
        var cached = tracker.Apply(Vertex("sha256:c", started: T0, completed: T0, cached: true));
        Assert.IsTrue(((VertexCompletedEvent)cached[^1]).Cached);
        var failed = tracker.Apply(Vertex("sha256:f", started: T0, completed: T1, error: "rpc error: code = Unknown desc = executor failed running [/bin/sh -c false]: exit code: 1"));
        var failure = (VertexFailedEvent)failed[^1];
        Assert.AreEqual(1, failure.ExitCode);
        Assert.AreEqual("executor failed running [/bin/sh -c false]: exit code: 1", failure.Error);
        Assert.IsEmpty(tracker.Apply(Vertex("sha256:f", started: T0, completed: T1, error: "again")));
    }

    [TestMethod]
    public void A_partial_line_is_flushed_when_the_stream_ends()
    {
        var tracker = new VertexTracker();
        tracker.Apply(Vertex("sha256:p", started: T0));
        Assert.IsEmpty(tracker.Apply(Log("sha256:p", "no newline")));
        var flushed = tracker.Flush();
        Assert.AreEqual("no newline", ((VertexLogEvent)flushed.Single()).Text);
        Assert.IsEmpty(tracker.Flush());
    }

    [TestMethod]
    public async Task A_failed_vertex_is_found_by_its_error_text()
    {
        var tracker = new VertexTracker();
        var lookup = tracker.FindFailedAsync("executor failed running [x]: exit code: 2", TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.IsFalse(lookup.IsCompleted);
        tracker.Apply(Vertex("sha256:x", started: T0, completed: T1, error: "executor failed running [x]: exit code: 2"));
        Assert.AreEqual("sha256:x", (await lookup)?.Digest);
        tracker.Close();
        Assert.IsNull(await tracker.FindFailedAsync("something else", TimeSpan.FromSeconds(5), CancellationToken.None));
    }
}
