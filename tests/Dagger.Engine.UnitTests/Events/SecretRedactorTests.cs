using System.Text;
using Dagger.Runtime.BuildKit;
using Dagger.Runtime.Engine.Events;

namespace Dagger.Engine.UnitTests.Events;

[TestClass]
public sealed class SecretRedactorTests
{
    private static readonly BuildVertex Vertex = new("sha256:" + new string('a', 64), "exec", null);

    [TestMethod]
    public void A_whole_secret_is_hidden_however_short()
    {
        var redactor = new SecretRedactor(["ab", "", "token-123"]);
        Assert.AreEqual("x *** y *** ***", redactor.Redact("x token-123 y ab ab"));
    }

    [TestMethod]
    public void Each_line_of_a_multi_line_secret_is_hidden_on_its_own()
    {
        var redactor = new SecretRedactor(["first-line\r\nsecond-line\n}\n"]);
        Assert.AreEqual("*** and ***", redactor.Redact("first-line and second-line"));
        Assert.AreEqual("***", redactor.Redact("first-line\r\nsecond-line\n}\n"), "the whole value first");
        Assert.AreEqual("{ }", redactor.Redact("{ }"), "a lone brace is too common to hide");
    }

    [TestMethod]
    public void A_secret_is_hidden_as_it_reads_in_a_json_string()
    {
        var redactor = new SecretRedactor(["a\"b<c>\\d\ne\tf"]);
        Assert.AreEqual("{\"v\":\"***\"}", redactor.Redact("{\"v\":\"a\\\"b\\u003cc\\u003e\\\\d\\ne\\tf\"}"));
    }

    [TestMethod]
    public void A_secret_inside_a_longer_one_does_not_break_the_longer_one_apart()
    {
        var redactor = new SecretRedactor(["pass", "password-1"]);
        Assert.AreEqual("*** and ***", redactor.Redact("password-1 and pass"));
    }

    [TestMethod]
    public void Log_lines_and_engine_errors_are_hidden_and_other_events_are_kept()
    {
        var redactor = new SecretRedactor(["hunter2"]);
        var log = (BuildProgress)redactor.Redact(new BuildProgress(new VertexLogEvent(Vertex, DateTimeOffset.UnixEpoch, LogChannel.Stderr, Encoding.UTF8.GetBytes("pw=hunter2"))));
        var line = (VertexLogEvent)log.Event;
        Assert.AreEqual("pw=***", line.Text);
        Assert.AreEqual(LogChannel.Stderr, line.Channel);

        var failed = (BuildProgress)redactor.Redact(new BuildProgress(new VertexFailedEvent(Vertex, DateTimeOffset.UnixEpoch, "bad hunter2", 3)));
        Assert.AreEqual("bad ***", ((VertexFailedEvent)failed.Event).Error);
        Assert.AreEqual(3, ((VertexFailedEvent)failed.Event).ExitCode);

        var clean = new BuildProgress(new VertexLogEvent(Vertex, DateTimeOffset.UnixEpoch, LogChannel.Stdout, Encoding.UTF8.GetBytes("nothing here")));
        Assert.AreSame(clean, redactor.Redact(clean));
        var started = new TaskStarted("a.b");
        Assert.AreSame(started, redactor.Redact(started));
    }
}
