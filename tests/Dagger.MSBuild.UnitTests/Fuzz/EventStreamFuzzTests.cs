using Dagger.MSBuild.Events;
using Dagger.MSBuild.UnitTests.Support;
using Dagger.TestRig;
using Microsoft.Build.Framework;
using TaskLoggingHelper = Microsoft.Build.Utilities.TaskLoggingHelper;

namespace Dagger.MSBuild.UnitTests.Fuzz;

/// <summary>
/// Issue 17: mutated lines of the event stream (broken JSON, wrong types, unknown events, other schema versions, huge
/// strings) go through the DaggerUp task's reader without an exception: a line that is no event is shown as it is, an
/// event of another schema version gives the DAG7004 warning, and every other line is reported as an event.
/// </summary>
[TestClass]
public sealed class EventStreamFuzzTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Mutated_event_lines_are_reported_shown_as_text_or_distrusted_never_thrown()
    {
        var report = await EventLines.FuzzAsync("MSBuild event reader", RepoPaths.RepoRoot, Check, TestContext.CancellationToken);
        TestContext.WriteLine(report.ToString());

        Assert.IsEmpty(report.Failures, report.Describe());
        Assert.IsEmpty(EventLines.MissingOutcomes(report), report.ToString());
    }

    /// <summary>Feeds one line to a fresh reader, as DaggerUp does, and checks what it made of it.</summary>
    internal static string Check(string line)
    {
        var engine = new FakeBuildEngine();
        var log = new TaskLoggingHelper(engine, "DaggerUp");
        var reporter = new EventReporter(log, new BinlogRecorder(engine, "ci"), new PlanRequest("ci", Streams.Plan, [], DryRun: false), EventLevel.Debug);
        reporter.Line(line, MessageImportance.Normal);
        reporter.Finish(reporter.Completed ? 0 : 1, cancelled: false);
        _ = reporter.Outputs.Select(o => o.Value).ToList();

        var parsed = DaggerEvent.TryParse(line);
        if (parsed is null)
        {
            return line.Trim().Length == 0 || engine.Messages.Any(m => m.Message == line)
                ? "plain text"
                : throw new InvalidOperationException($"a line that is no event was not shown as it is:\n{engine.Transcript}");
        }

        if (parsed.Version != EventReporter.SchemaVersion)
        {
            return engine.Warnings.Any(w => w.Code == ErrorCodes.UnknownSchema)
                ? "other schema version"
                : throw new InvalidOperationException($"an event of version {parsed.Version} gave no {ErrorCodes.UnknownSchema} warning:\n{engine.Transcript}");
        }

        return "event";
    }
}
