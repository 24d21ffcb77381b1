namespace Dagger.Action.Reporting;

/// <summary>
/// Sends live updates of a report when asked, at most one every <paramref name="interval"/>: asks that come in
/// between are folded into the next update, which shows the state of its own moment. So the number of requests
/// depends on the run's length, never on how many tasks finish or how much they print. An update under way is
/// never abandoned when they stop: a late one would land after the final update and undo it.
/// </summary>
internal sealed class LiveUpdates(Func<CancellationToken, Task> send, TimeSpan interval, TimeProvider time) : IAsyncDisposable
{
    private readonly SemaphoreSlim asked = new(0, 1);
    private readonly CancellationTokenSource stop = new();
    private Task? loop;
    private DateTimeOffset last;

    /// <summary>
    /// Starts; <paramref name="lastSent"/> is when the report was last written (its creation), and
    /// <paramref name="sendToken"/> cancels an update under way (stopping does not).
    /// </summary>
    public void Start(DateTimeOffset lastSent, CancellationToken sendToken)
    {
        last = lastSent;
        loop = Task.Run(() => RunAsync(stop.Token, sendToken), CancellationToken.None);
    }

    /// <summary>Asks for an update.</summary>
    public void Ask()
    {
        try
        {
            asked.Release();
        }
        catch (SemaphoreFullException)
        {
            // An update is already asked for: it will show this moment too.
        }
    }

    /// <summary>Stops: an update waiting for its turn is dropped, one under way is waited for.</summary>
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (loop is not null)
        {
            await loop;
        }

        stop.Dispose();
        asked.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken, CancellationToken sendToken)
    {
        try
        {
            while (true)
            {
                await asked.WaitAsync(cancellationToken);
                var wait = last + interval - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, cancellationToken);
                }

                last = time.GetUtcNow();
                await send(sendToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested || sendToken.IsCancellationRequested)
        {
            // Stopped.
        }
    }
}
