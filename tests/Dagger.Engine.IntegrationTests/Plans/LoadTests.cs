using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dagger.Runtime.Engine.Events;
using Dagger.Runtime.Engine.Runs;
using Dagger.TestRig;

namespace Dagger.Engine.IntegrationTests.Plans;

/// <summary>
/// Plans far larger than examples: a thousand tasks that do not depend on one another, and a chain of two hundred
/// where each task reads the export of the one before. Both must run correctly and in as few solves as their data
/// allows; the time the engine spends beyond BuildKit's solves is written to the test's output (bench/many-tasks
/// measures it on the published tool).
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class LoadTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task A_thousand_independent_tasks_run_in_one_solve_with_every_value_back()
    {
        const int count = 1000;
        var plan = new StringBuilder("package main\n\n");
        for (var i = 0; i < count; i++)
        {
            plan.Append(CultureInfo.InvariantCulture, $"t{i}: {{\n\tstring\n\t#up: [\n\t\t{{do: \"fetch-container\", ref: \"dagger-test/busybox\"}},\n\t\t{{do: \"write-file\", dest: \"/v\", content: \"value {i}\"}},\n\t\t{{do: \"export\", source: \"/v\"}},\n\t]\n}}\n");
        }

        var (outcome, events, took) = await RunAsync(plan.ToString());
        using var computed = JsonDocument.Parse(outcome.ComputedJson!);
        for (var i = 0; i < count; i++)
        {
            Assert.AreEqual($"value {i}", computed.RootElement.GetProperty($"t{i}").GetString());
        }

        Assert.AreEqual(count, outcome.Counts.Computed);
        Assert.AreEqual(1, outcome.Counts.Solves, "independent exports are read in one solve");
        Report("1000 independent tasks", outcome, events, took);
    }

    [TestMethod]
    public async Task A_chain_of_two_hundred_dependent_exports_runs_one_wave_a_link()
    {
        const int count = 200;
        var plan = new StringBuilder("package main\n\n");
        for (var i = 0; i < count; i++)
        {
            var content = i == 0 ? "0" : $"\\(c{i - 1}).";
            plan.Append(CultureInfo.InvariantCulture, $"c{i}: {{\n\tstring\n\t#up: [\n\t\t{{do: \"fetch-container\", ref: \"dagger-test/busybox\"}},\n\t\t{{do: \"write-file\", dest: \"/v\", content: \"{content}\"}},\n\t\t{{do: \"export\", source: \"/v\"}},\n\t]\n}}\n");
        }

        var (outcome, events, took) = await RunAsync(plan.ToString());
        using var computed = JsonDocument.Parse(outcome.ComputedJson!);
        Assert.AreEqual("0" + new string('.', count - 1), computed.RootElement.GetProperty($"c{count - 1}").GetString());
        Assert.AreEqual(count, outcome.Counts.Computed);
        Assert.AreEqual(count, outcome.Counts.Solves, "each link waits for the one before, and for nothing else");
        Report("chain of 200", outcome, events, took);
    }

    private async Task<(RunOutcome Outcome, IReadOnlyList<RunEvent> Events, TimeSpan Took)> RunAsync(string plan)
    {
        var ct = TestContext.CancellationToken;
        var dir = await PlanFolder.CreateAsync("dagger-load-", plan, ct);
        var clock = Stopwatch.StartNew();
        var (outcome, events) = await EngineRun.RunAsync(new RunRequest { PlanDirectory = dir, WithComputedJson = true }, ct);
        clock.Stop();
        EngineRun.Succeeded(outcome);
        Directory.Delete(dir, recursive: true);
        return (outcome, events, clock.Elapsed);
    }

    // The engine's own time: the run less the time BuildKit's solves took, per task.
    private void Report(string what, RunOutcome outcome, IReadOnlyList<RunEvent> events, TimeSpan took)
    {
        var solving = TimeSpan.FromTicks(events.OfType<SolveCompleted>().Sum(s => s.Duration.Ticks));
        var own = took - solving;
        TestContext.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{what}: {took.TotalSeconds:0.00} s, {outcome.Counts.Solves} solves taking {solving.TotalSeconds:0.00} s; the engine's own {own.TotalMilliseconds / outcome.Counts.Tasks:0.0} ms a task"));
    }
}
