using Dagger.Action.Events;
using Dagger.Action.Reporting;
using Dagger.Action.Runs;
using Dagger.TestRig;

namespace Dagger.Action.UnitTests;

/// <summary>
/// Issue 17: mutated lines of the event stream (broken JSON, wrong types, unknown events, other schema versions, huge
/// strings) go through the action's parser and run state, and the report renders, without an exception: a line is an
/// event, a line shown as it is, or an event of another schema version after which the stream is no longer trusted.
/// </summary>
[TestClass]
public sealed class EventStreamFuzzTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Mutated_event_lines_are_events_plain_text_or_distrusted_never_thrown()
    {
        var report = await EventLines.FuzzAsync("action event parser", RepoPaths.RepoRoot, Check, TestContext.CancellationToken);
        TestContext.WriteLine(report.ToString());

        Assert.IsEmpty(report.Failures, report.Describe());
        Assert.IsEmpty(EventLines.MissingOutcomes(report), report.ToString());
    }

    [TestMethod]
    public void A_line_holding_a_lone_surrogate_is_plain_text()
    {
        var text = "{\"v\":1,\"event\":\"task.log\",\"message\":\"half \uD83D of a pair\"}";
        var line = EventParser.Parse(text);
        Assert.IsNull(line.Event);
        Assert.IsNull(line.UnknownVersion);
        Assert.AreEqual(text, line.Text);
    }

    /// <summary>Reads one line as the run command does, folds it into a run and renders the report.</summary>
    internal static string Check(string text)
    {
        var line = EventParser.Parse(text);
        var state = new RunState("dagger up", "/work/repo/ci", new SourceLocator("/work/repo"), TimeProvider.System);
        state.Apply(line);
        state.Exited(line.Event is RunCompleted completed ? completed.ExitCode : 1);
        var markdown = new ReportMarkdown(state.Snapshot(), location => $"https://example.com/{location.Path}#L{location.Line}");
        _ = markdown.Title;
        _ = markdown.Headline().Concat(markdown.Problems()).Concat(markdown.Tasks()).Concat(markdown.Outputs()).ToList();

        if (line.Text != text)
        {
            throw new InvalidOperationException("the parsed line does not keep the text as the tool wrote it");
        }

        return (line.Event, line.UnknownVersion) switch
        {
            ({ }, null) => "event",
            (null, { }) => state.Trusted
                ? throw new InvalidOperationException($"an event of version {line.UnknownVersion} left the stream trusted")
                : "other schema version",
            (null, null) => "plain text",
            _ => throw new InvalidOperationException("a line was read both as an event and as an unknown version"),
        };
    }
}
