using System.Text.Json;
using Dagger.TestRig;

namespace Dagger.Tool.IntegrationTests.EndToEnd;

[TestClass]
public sealed class LogFormatTests
{
    [TestMethod]
    public async Task Json_logs_are_one_object_a_line_with_task_events_and_the_run_counts()
    {
        var source = Path.Combine(RepoPaths.RepoRoot, "examples", "simple");
        var plan = Path.Combine(Directory.CreateTempSubdirectory("dagger-json-").FullName, "simple");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories).Where(f => !f.Contains("alpha.dagger.io", StringComparison.Ordinal)))
        {
            var target = Path.Combine(plan, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var (code, _, error) = await DaggerRun.OnRigAsync("compute", plan, "--log-format", "json");
        Assert.AreEqual(0, code, error);
        var events = error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.IsTrue(events.All(e => e.TryGetProperty("time", out _) && e.TryGetProperty("level", out _)));
        Assert.IsTrue(events.All(e => DateTimeOffset.TryParse(e.GetProperty("time").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _)));
        Assert.DoesNotContain("\\u002B", error, "times are written as they read, with no HTML escaping");
        var skipped = events.Single(e => e.GetProperty("event").GetString() == "task.skipped" && e.GetProperty("task").GetString() == "www.listing");
        Assert.AreEqual("warn", skipped.GetProperty("level").GetString());
        Assert.AreEqual("DAG2003", skipped.GetProperty("code").GetString());
        Assert.AreEqual(JsonValueKind.Array, skipped.GetProperty("waitingFor").ValueKind);
        Assert.AreEqual("simple.cue", skipped.GetProperty("span").GetProperty("file").GetString());
        Assert.IsTrue(events.Any(e => e.GetProperty("event").GetString() == "task.completed" && e.GetProperty("task").GetString() == "www.url"));
        Assert.AreEqual("run.started", events[0].GetProperty("event").GetString());
        var completed = events[^1];
        Assert.AreEqual("run.completed", completed.GetProperty("event").GetString());
        Assert.IsTrue(events.All(e => e.GetProperty("v").GetInt32() == 1));
        var counts = completed.GetProperty("counts");
        Assert.AreEqual(1, counts.GetProperty("waves").GetInt32());
        Assert.AreEqual(2, counts.GetProperty("solves").GetInt32(), "one wave of exports, then base (no export) solved for its effects");
        Assert.AreEqual(2, counts.GetProperty("skipped").GetInt32());
        Assert.AreEqual("success", completed.GetProperty("result").GetString());
        var phases = completed.GetProperty("phases").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        CollectionAssert.AreEqual(new[] { "load", "connect", "session", "tasks", "finish" }, phases.Keys.ToArray());
        Assert.IsGreaterThan(0, phases["load"], "CUE took some time to load the plan");
        Assert.IsGreaterThan(0, phases["tasks"], "and the tasks some to run");
        Assert.IsLessThanOrEqualTo(completed.GetProperty("duration").GetDouble() + 0.005, phases.Values.Sum(), "the phases do not overlap");
    }

    [TestMethod]
    public async Task An_unknown_log_format_is_a_usage_error()
    {
        var (code, _, error) = await DaggerRun.OnRigAsync("up", "--log-format", "fancy");
        Assert.AreEqual(2, code);
        StringAssert.Contains(error, "dagger: error DAG5001: unknown --log-format \"fancy\"");
    }
}
