using Dagger.Action.UnitTests.Fakes;
using Dagger.TestRig;

namespace Dagger.Action.IntegrationTests;

/// <summary>
/// The action's program running the real dagger on the real engine: <c>dagger up</c> on a plan whose exec fails,
/// reported to the fake GitHub API, whose check run must carry an annotation at the failing op's file and line.
/// </summary>
[TestClass]
public sealed class EndToEndTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Dagger_up_on_a_failing_plan_gives_a_check_run_annotated_at_the_failing_op()
    {
        var ct = TestContext.CancellationToken;
        var docker = await EngineEndpoint.GetDockerAsync(ct);
        await TestImages.EnsureAsync(docker.OriginalString, ct);
        await using var api = await FakeGitHubApi.StartAsync(ct);
        using var run = ActionRun.Push().Variable("DOCKER_HOST", docker.OriginalString).Variable("BUILDKIT_HOST", Environment.GetEnvironmentVariable("BUILDKIT_HOST"));
        var fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "failing");
        foreach (var file in Directory.GetFiles(fixture, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(run.Plan, Path.GetRelativePath(fixture, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        // The real tool, as the dagger on PATH.
        var shim = Path.Combine(run.Bin, "dagger");
        ExecutableFile.Write(shim, $"#!/usr/bin/env bash\nexec dotnet \"{Path.Combine(AppContext.BaseDirectory, "dagger.dll")}\" \"$@\"\n");

        var result = await run.RunAsync(api, cancel: ct);

        Assert.AreEqual(3, result.ExitCode, "the step fails with the failing command's code\n" + result.Log);
        Assert.AreEqual("POST /repos/octo-org/hello/check-runs", result.Requests[0].ToString(), result.Log);
        var last = result.Requests[^1];
        Assert.AreEqual("failure", last.Field("conclusion"), result.Log);
        var annotations = result.Requests.SelectMany(r => r.Annotations).ToList();
        Assert.AreEqual(1, annotations.Count, "one annotation, from the v1 event stream's task.failed span (docs/events.md)\n" + result.Log);
        var annotation = annotations[0];
        var lines = File.ReadAllLines(Path.Combine(run.Plan, "main.cue"));
        var failingOp = Array.FindLastIndex(lines, l => l.Contains("op.#Exec & {", StringComparison.Ordinal)) + 1;
        Assert.AreEqual("ci/main.cue", annotation.GetProperty("path").GetString());
        Assert.AreEqual(failingOp, annotation.GetProperty("start_line").GetInt32(), result.Log);
        Assert.AreEqual("failure", annotation.GetProperty("annotation_level").GetString());
        StringAssert.StartsWith(annotation.GetProperty("title").GetString(), "DAG4001 in check");
        StringAssert.Contains(annotation.GetProperty("raw_details").GetString(), "checking hello");
        Assert.AreEqual("failure", result.Outputs["result"]);
        Assert.AreEqual("1", result.Outputs["computed"]);
        StringAssert.Contains(result.Summary, "| ✅ | `greeting` | computed");
        StringAssert.Contains(result.Summary, "| ❌ | `check` | failed");
    }
}
