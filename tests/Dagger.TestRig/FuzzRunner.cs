using System.Collections.Immutable;
using System.Diagnostics;

namespace Dagger.TestRig;

/// <summary>
/// The loop of the fuzz tests: makes each input from one seeded <see cref="Random"/>, runs it, and counts the outcome
/// the check names. An exception out of the check is a failure; an input still running after the limit is a hang,
/// which stops the run (the thread cannot be aborted, so it is left behind as a background thread).
/// </summary>
public static class FuzzRunner
{
    /// <summary>Runs <paramref name="count"/> inputs.</summary>
    /// <param name="name">What is fuzzed, for the report.</param>
    /// <param name="count">How many inputs.</param>
    /// <param name="seed">The random seed.</param>
    /// <param name="next">Makes the next input.</param>
    /// <param name="check">Runs one input and names its outcome; throws when the outcome is not acceptable.</param>
    /// <param name="limit">How long one input may run.</param>
    /// <param name="cancellationToken">Stops the run between inputs.</param>
    public static async Task<FuzzReport> RunAsync(
        string name, int count, int seed, Func<Random, string> next, Func<string, string> check, TimeSpan limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(check);
        var random = new Random(seed);
        var outcomes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var failures = ImmutableArray.CreateBuilder<FuzzFailure>();
        var clock = Stopwatch.StartNew();
        var inputs = 0;
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var input = next(random);
            var run = Task.Factory.StartNew(() => check(input), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            inputs++;
            try
            {
                var outcome = await run.WaitAsync(limit, cancellationToken).ConfigureAwait(false);
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }
            catch (TimeoutException)
            {
                failures.Add(new FuzzFailure(i, input, $"still running after {limit.TotalSeconds} s (a hang)"));
                break;
            }
#pragma warning disable CA1031 // Any exception the check lets out is what the fuzzer looks for.
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                failures.Add(new FuzzFailure(i, input, e.ToString()));
            }
        }

        return new FuzzReport(name, seed, inputs, outcomes.ToImmutableSortedDictionary(StringComparer.Ordinal), failures.ToImmutable(), clock.Elapsed);
    }
}
