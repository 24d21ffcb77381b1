using Dagger.Runtime.Engine.Events;
using Dagger.Runtime.Engine.Runs;
using Dagger.TestRig;

namespace Dagger.Engine.IntegrationTests;

/// <summary>
/// Runs a plan on the rig's engine and keeps every event, each checked against the event stream's contract
/// (docs/events.schema.json, and codes that docs/errors.md lists): every run of these tests checks it.
/// </summary>
internal static class EngineRun
{
    public static async Task<(RunOutcome Outcome, IReadOnlyList<RunEvent> Events)> RunAsync(RunRequest request, CancellationToken cancellationToken)
    {
        var events = new List<RunEvent>();
        var outcome = await PlanRunner.RunAsync(request with { Engine = request.Engine ?? Rig.Current.Engine }, events.Add, cancellationToken);
        EventContract.Require(events.Select(EventJson.Serialize));
        Assert.IsInstanceOfType<RunStarted>(events[0], "the first event");
        Assert.AreSame(outcome, ((RunCompleted)events[^1]).Outcome, "the last event carries the outcome");
        return (outcome, events);
    }

    /// <summary>The run's failure as the plain log prints it: <c>main.cue:5:2: error DAG4001: message</c>.</summary>
    public static string Describe(RunOutcome outcome) => outcome.Error is not { } error
        ? $"({outcome.Result})"
        : error.Span is { } s ? $"{s.File}:{s.Line}:{s.Column}: error {error.Code.Id}: {error.Message}" : $"error {error.Code.Id}: {error.Message}";

    /// <summary>The outcome of a run that must succeed.</summary>
    public static RunOutcome Succeeded(RunOutcome outcome)
    {
        Assert.AreEqual(RunResult.Success, outcome.Result, Describe(outcome));
        return outcome;
    }
}
