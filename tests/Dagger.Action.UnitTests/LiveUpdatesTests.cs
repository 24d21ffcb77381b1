using Dagger.Action.Reporting;
using Microsoft.Extensions.Time.Testing;

namespace Dagger.Action.UnitTests;

/// <summary>Live updates of a check run: at most one every interval, the creation included, and asks in between folded.</summary>
[TestClass]
public sealed class LiveUpdatesTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task At_most_one_update_every_five_seconds_and_the_last_ask_is_always_served()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));
        var sent = new List<DateTimeOffset>();
        var updates = new LiveUpdates(
            _ =>
            {
                lock (sent)
                {
                    sent.Add(time.GetUtcNow());
                }

                return Task.CompletedTask;
            },
            TimeSpan.FromSeconds(5),
            time);
        updates.Start(time.GetUtcNow(), CancellationToken.None);

        for (var i = 0; i < 20; i++)
        {
            updates.Ask();
        }

        await SettleAsync();
        Assert.AreEqual(0, Count(sent), "the creation was the last write: nothing before 5 s");

        time.Advance(TimeSpan.FromSeconds(4.9));
        await SettleAsync();
        Assert.AreEqual(0, Count(sent));

        time.Advance(TimeSpan.FromSeconds(0.1));
        await WaitForAsync(() => Count(sent) == 1);

        updates.Ask();
        updates.Ask();
        time.Advance(TimeSpan.FromSeconds(3));
        await SettleAsync();
        Assert.AreEqual(1, Count(sent));
        time.Advance(TimeSpan.FromSeconds(2));
        await WaitForAsync(() => Count(sent) == 2);

        await updates.DisposeAsync();
        lock (sent)
        {
            Assert.IsTrue(sent[1] - sent[0] >= TimeSpan.FromSeconds(5));
        }
    }

    [TestMethod]
    public async Task Stopping_drops_an_update_that_waits_for_its_turn()
    {
        var time = new FakeTimeProvider();
        var sent = 0;
        var updates = new LiveUpdates(_ => Task.FromResult(Interlocked.Increment(ref sent)), TimeSpan.FromSeconds(5), time);
        updates.Start(time.GetUtcNow(), CancellationToken.None);
        updates.Ask();

        await updates.DisposeAsync();
        time.Advance(TimeSpan.FromSeconds(10));
        await SettleAsync();

        Assert.AreEqual(0, sent);
    }

    [TestMethod]
    public async Task Stopping_waits_for_an_update_under_way_instead_of_abandoning_it()
    {
        var time = new FakeTimeProvider();
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var cancelledSend = false;
        var updates = new LiveUpdates(
            async ct =>
            {
                started.SetResult();
                await release.Task;
                cancelledSend = ct.IsCancellationRequested;
            },
            TimeSpan.FromSeconds(5),
            time);
        updates.Start(time.GetUtcNow() - TimeSpan.FromSeconds(10), CancellationToken.None);
        updates.Ask();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.CancellationToken);

        var stopping = updates.DisposeAsync().AsTask();
        await SettleAsync();
        Assert.IsFalse(stopping.IsCompleted, "a late update would land after the final one");

        release.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(10), TestContext.CancellationToken);
        Assert.IsFalse(cancelledSend);
    }

    private static int Count(List<DateTimeOffset> sent)
    {
        lock (sent)
        {
            return sent.Count;
        }
    }

    private static Task SettleAsync() => Task.Delay(100);

    private async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10, TestContext.CancellationToken);
        }

        Assert.IsTrue(condition());
    }
}
