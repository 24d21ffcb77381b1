using Dagger.Runtime.BuildKit;
using Dagger.Runtime.Engine.Solving;
using Grpc.Core;

namespace Dagger.Engine.UnitTests.Solving;

/// <summary>
/// A solve the engine failed only because it was too busy runs again after a renewal, a bounded number of times; any
/// other failure ends it at once.
/// </summary>
[TestClass]
public sealed class SolveRetryTests
{
    private const string Contention = "write-file /v: failed to compute cache key: flightcontrol: exceeded retry timeout";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow(Contention, true)]
    [DataRow("failed to compute cache key: \"/src\": not found", false)]
    [DataRow("process \"/bin/sh -c exit 3\" did not complete successfully: exit code: 3", false)]
    public void Contention_is_told_by_the_engine_s_words(string message, bool contention) =>
        Assert.AreEqual(contention, new BuildError(message, null, null, StatusCode.Unknown).IsContention);

    [TestMethod]
    public async Task A_contention_failure_renews_the_build_and_the_next_attempt_answers()
    {
        var attempts = 0;
        var renewals = new List<int>();
        var answer = await SolveRetry.RunAsync(
            _ => ++attempts == 1 ? throw Failure(Contention) : Task.FromResult("solved"),
            (next, failure, _) =>
            {
                renewals.Add(next);
                Assert.AreEqual(Contention, failure.Error!.Message);
                return Task.CompletedTask;
            },
            TestContext.CancellationToken);

        Assert.AreEqual("solved", answer);
        Assert.AreEqual(2, attempts);
        CollectionAssert.AreEqual(new[] { 2 }, renewals);
    }

    [TestMethod]
    public async Task Contention_on_every_attempt_gives_up_with_the_last_failure()
    {
        var attempts = 0;
        var renewals = 0;
        var failure = await Assert.ThrowsExactlyAsync<BuildFailedException>(() => SolveRetry.RunAsync<string>(
            _ => throw Failure($"{Contention} ({++attempts})"),
            (_, _, _) =>
            {
                renewals++;
                return Task.CompletedTask;
            },
            TestContext.CancellationToken));

        Assert.AreEqual(SolveRetry.MaxAttempts, attempts);
        Assert.AreEqual(SolveRetry.MaxAttempts - 1, renewals);
        Assert.AreEqual($"{Contention} ({SolveRetry.MaxAttempts})", failure.Error!.Message);
    }

    [TestMethod]
    public async Task Any_other_failure_is_not_retried()
    {
        var attempts = 0;
        var renewals = 0;
        var failure = await Assert.ThrowsExactlyAsync<BuildFailedException>(() => SolveRetry.RunAsync<string>(
            _ =>
            {
                attempts++;
                throw Failure("exit code: 3");
            },
            (_, _, _) =>
            {
                renewals++;
                return Task.CompletedTask;
            },
            TestContext.CancellationToken));

        Assert.AreEqual(1, attempts);
        Assert.AreEqual(0, renewals);
        Assert.AreEqual("exit code: 3", failure.Error!.Message);
    }

    private static BuildFailedException Failure(string message) =>
        new(new BuildError(message, null, null, StatusCode.Unknown), null, null);
}
