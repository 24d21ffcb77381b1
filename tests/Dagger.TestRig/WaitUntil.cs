using System.Diagnostics;

namespace Dagger.TestRig;

/// <summary>Polling for something of the engine to go away, as the checks that a run left nothing behind do.</summary>
public static class WaitUntil
{
    /// <summary>
    /// Polls <paramref name="left"/> until it is empty; returns how long that took, or throws a <see cref="TimeoutException"/>
    /// with <paramref name="describe"/>'s message after <paramref name="within"/>.
    /// </summary>
    public static async Task<TimeSpan> NoneLeftAsync<T>(
        Func<IReadOnlyList<T>> left, TimeSpan within, Func<IReadOnlyList<T>, string> describe, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(describe);
        var clock = Stopwatch.StartNew();
        while (left() is { Count: > 0 } still)
        {
            if (clock.Elapsed > within)
            {
                throw new TimeoutException(describe(still));
            }

            await Task.Delay(200, cancellationToken);
        }

        return clock.Elapsed;
    }
}
