using System.Text.Json;
using Dagger.Action.Events;
using Dagger.Action.UnitTests.Fakes;
using Json.Schema;

namespace Dagger.Action.UnitTests;

/// <summary>
/// The reader of the event stream, and the canned streams of these tests held to the contract: every line they
/// write is valid against docs/events.schema.json, so the fakes cannot drift from what the tool promises.
/// </summary>
[TestClass]
public sealed class EventStreamTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(RepoRoot(), "docs", "events.schema.json")));

    private static string RepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Dagger.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("no Dagger.sln above the tests");
    }

    public static IEnumerable<object[]> Streams()
    {
        yield return ["failing", ReportingTests.Failing("/src/ci")];
        yield return ["succeeding", ReportingTests.Succeeding("/src/ci")];
        yield return ["skipped, cancelled, diagnostics", new EventStream().RunStarted("/src/ci")
            .TaskStarted("a", EventStream.Span("main.cue", 1, 1, 3, 2)).TaskSkipped("a", EventStream.Span("main.cue", 1, 1, 3, 2), "b.c")
            .TaskStarted("d").OpCompleted("d", 0, "fetch-container dagger-test/busybox", cached: true).TaskCancelled("d")
            .Diagnostic("warn", "DAG2004", "input does not fit", EventStream.Span("values.cue", 2))
            .Diagnostic("error", "DAG3001", "engine unreachable")
            .Output("x", null)
            .RunCompleted("cancelled", 130)];
    }

    [TestMethod]
    [DynamicData(nameof(Streams))]
    public void Every_line_of_the_canned_streams_is_valid_against_the_schema(string name, object stream)
    {
        foreach (var line in ((EventStream)stream).Lines)
        {
            var result = Schema.Evaluate(JsonDocument.Parse(line).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.IsTrue(result.IsValid, $"{name}: {line}\n{JsonSerializer.Serialize((result.Details ?? []).Where(d => !d.IsValid).Select(d => new { d.InstanceLocation, d.EvaluationPath, d.Errors }))}");
        }
    }

    [TestMethod]
    public void The_schema_check_rejects_a_line_that_breaks_the_contract()
    {
        var line = "{\"v\":1,\"time\":\"2026-12-05T09:16:06.020Z\",\"level\":\"error\",\"event\":\"task.failed\",\"message\":\"m\",\"task\":\"t\",\"logTail\":[]}";

        Assert.IsFalse(Schema.Evaluate(JsonDocument.Parse(line).RootElement).IsValid, "a task.failed needs its code");
    }

    [TestMethod]
    public void The_reader_takes_the_documented_example_run()
    {
        var lines = File.ReadAllLines(Path.Combine(RepoRoot(), "docs", "events.md"))
            .Where(l => l.StartsWith("{\"v\":1", StringComparison.Ordinal))
            .Select(EventParser.Parse)
            .ToList();

        Assert.AreEqual(5, lines.Count);
        var failed = (TaskFailed)lines[3].Event!;
        Assert.AreEqual("DAG4001", failed.Code);
        Assert.AreEqual(new Span("main.cue", 9, 3, 11, 4), failed.Span);
        Assert.AreEqual(1, failed.ExitCode);
        CollectionAssert.AreEqual(new[] { "FAIL: TestParse" }, failed.LogTail.ToArray());
        var done = (RunCompleted)lines[4].Event!;
        Assert.AreEqual("failure", done.Result);
        Assert.AreEqual(1L, done.Counts["solves"]);
        Assert.AreEqual("test", done.Tasks.Single().Path);
        Assert.AreEqual("DAG4001", done.Error!.Code);
        Assert.AreEqual("/src/ci", ((RunStarted)lines[0].Event!).Plan);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("plain text from a crash")]
    [DataRow("{not json")]
    [DataRow("{\"event\":\"task.log\",\"message\":\"no v\"}")]
    [DataRow("[1,2]")]
    public void A_line_that_is_not_an_event_is_kept_as_text(string line)
    {
        var read = EventParser.Parse(line);

        Assert.IsNull(read.Event);
        Assert.IsNull(read.UnknownVersion);
        Assert.AreEqual(line, read.Text);
    }

    [TestMethod]
    public void Unknown_events_and_fields_are_read_as_plain_events_and_other_versions_are_flagged()
    {
        var future = EventParser.Parse("{\"v\":1,\"time\":\"2026-12-05T09:16:05.101Z\",\"level\":\"warn\",\"event\":\"cache.pruned\",\"message\":\"m\",\"code\":\"DAG3009\",\"extra\":{\"a\":1}}");
        Assert.AreEqual("cache.pruned", future.Event!.Name);
        Assert.IsTrue(future.Event.IsProblem);

        Assert.AreEqual(2, EventParser.Parse("{\"v\":2,\"event\":\"x\"}").UnknownVersion);
    }

    [TestMethod]
    public void Every_code_of_the_action_is_documented()
    {
        var docs = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "errors.md"));
        var codes = typeof(Errors.ActionCodes).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetValue(null)!).ToList();
        Assert.IsNotEmpty(codes);
        foreach (var code in codes)
        {
            StringAssert.StartsWith(code, "DAG71", "the action's codes are DAG71xx");
            StringAssert.Contains(docs, $"\n### {code}: ", $"{code} is not in docs/errors.md");
        }
    }
}
