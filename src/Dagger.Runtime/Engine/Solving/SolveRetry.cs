using Dagger.Runtime.BuildKit;

namespace Dagger.Runtime.Engine.Solving;

/// <summary>Runs a solve again, after a renewal, while the engine fails it for contention alone.</summary>
internal static class SolveRetry
{
    /// <summary>Attempts of one solve, the first included.</summary>
    internal const int MaxAttempts = 3;

    /// <summary>
    /// Runs <paramref name="attempt"/>; when it fails with <see cref="BuildError.IsContention"/> and attempts are
    /// left, calls <paramref name="renew"/> with the number of the next attempt and the failure, then tries again.
    /// </summary>
    internal static async Task<T> RunAsync<T>(
        Func<CancellationToken, Task<T>> attempt, Func<int, BuildFailedException, CancellationToken, Task> renew, CancellationToken cancellationToken)
    {
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt(cancellationToken).ConfigureAwait(false);
            }
            catch (BuildFailedException e) when (number < MaxAttempts && e.Error is { IsContention: true })
            {
                await renew(number + 1, e, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
