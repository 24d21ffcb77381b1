using Dagger.Runtime.BuildKit;
using Dagger.Runtime.BuildKit.Protocol.Control;
using Dagger.Runtime.Engine.Events;
using Dagger.Runtime.Engine.Ops;
using Dagger.Runtime.Engine.Runs;
using Dagger.Runtime.Engine.Solving;
using Dagger.Runtime.Llb;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Dagger.Engine.UnitTests.Runs;

/// <summary>
/// The engine's status stream as BuildKit sends it (chunks, not lines) through the session's vertex tracker and the
/// run's progress tracker: what reaches the run's events has no secret in it, wherever the chunks were cut.
/// </summary>
[TestClass]
public sealed class ProgressTrackerTests
{
    private const string Digest = "sha256:0123";
    private const string Secret = "hunter2-Pa55";

    private static readonly Timestamp T0 = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private static readonly Timestamp T1 = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 1, 1, 0, 0, 1, TimeSpan.Zero));

    private static readonly OpSource Op = new("t.#up[1]") { Task = "t", Index = 1 };

    [TestMethod]
    public void A_secret_cut_between_two_chunks_of_the_engine_is_hidden()
    {
        var lines = Run(
            Status(started: T0),
            Status(log: "token=hun"),
            Status(log: "ter2-Pa55 ok\nsecond "),
            Status(log: "line " + Secret[..4]),
            Status(log: Secret[4..] + "\n"),
            Status(started: T0, completed: T1));

        CollectionAssert.AreEqual(new[] { "token=*** ok", "second line ***" }, lines.Select(l => l.Line).ToArray());
    }

    [TestMethod]
    public void A_secret_cut_in_its_base64_between_chunks_is_hidden()
    {
        var encoded = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("user:" + Secret));
        var lines = Run(
            Status(started: T0),
            Status(log: "Authorization: Basic " + encoded[..9]),
            Status(log: encoded[9..] + "\n"),
            Status(started: T0, completed: T1));

        // "user:" is 40 bits: characters 0-5 are its own, 6 mixes it with the secret, 7-21 are the secret's alone, 22
        // mixes its last bits with padding.
        Assert.AreEqual("Authorization: Basic " + encoded[..7] + SecretRedactor.Mask + encoded[22..], lines.Single().Line);
    }

    [TestMethod]
    public void A_long_line_is_hidden_before_it_is_cut_so_no_start_of_a_secret_is_left_at_the_cut()
    {
        // Without the secret hidden first, the cut would leave "hun" before the ellipsis.
        var text = new string('x', TaskLog.MaxLine - 4) + Secret + new string('y', 100) + "\n";
        var line = Run(Status(started: T0), Status(log: text[..1000]), Status(log: text[1000..]), Status(started: T0, completed: T1)).Single().Line;

        Assert.AreEqual(TaskLog.MaxLine, line.Length);
        StringAssert.EndsWith(line, "x***…", "the secret is hidden whole and the line is cut after its mask");
        Assert.DoesNotContain("hun", line);
    }

    [TestMethod]
    public void The_tail_of_a_failed_op_has_no_secret_and_keeps_a_last_line_without_its_end()
    {
        var vertices = Vertices();
        var tracker = new ProgressTracker(vertices, _ => { }, new SecretRedactor([Secret]));
        var session = new VertexTracker();
        foreach (var status in new[] { Status(started: T0), Status(log: "printing the secret: " + Secret[..6]), Status(log: Secret[6..]), Status(started: T0, completed: T1, error: "exit code: 1") })
        {
            session.Apply(status).ForEach(tracker.OnBuildEvent);
        }

        CollectionAssert.AreEqual(new[] { "printing the secret: ***" }, tracker.Tail(Op).ToArray());
    }

    private static List<TaskLog> Run(params StatusResponse[] statuses)
    {
        var lines = new List<TaskLog>();
        var tracker = new ProgressTracker(Vertices(), e =>
        {
            if (e is TaskLog log)
            {
                lines.Add(log);
            }
        }, new SecretRedactor([Secret]));
        var session = new VertexTracker();
        foreach (var status in statuses)
        {
            session.Apply(status).ForEach(tracker.OnBuildEvent);
        }

        session.Flush().ForEach(tracker.OnBuildEvent);
        return lines;
    }

    private static VertexTable Vertices()
    {
        var vertices = new VertexTable();
        vertices.Add(State.Scratch.Marshal().WithTags(new Dictionary<Digest, object> { [new Digest(Digest)] = Op }));
        return vertices;
    }

    private static StatusResponse Status(Timestamp? started = null, Timestamp? completed = null, string? log = null, string error = "")
    {
        var status = new StatusResponse();
        if (log is not null)
        {
            status.Logs.Add(new VertexLog { Vertex = Digest, Stream = 1, Msg = ByteString.CopyFromUtf8(log), Timestamp = T0 });
        }
        else
        {
            status.Vertexes.Add(new Runtime.BuildKit.Protocol.Control.Vertex { Digest = Digest, Name = "exec", Started = started, Completed = completed, Error = error });
        }

        return status;
    }
}
