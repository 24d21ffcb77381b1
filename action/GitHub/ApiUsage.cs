using System.Globalization;
using System.Net.Http.Headers;

namespace Dagger.Action.GitHub;

/// <summary>
/// Counts the requests sent to the GitHub API, retries included, and remembers what the last response said of the
/// rate limit (<c>x-ratelimit-remaining</c>), so that optional requests (live updates) can be given up first.
/// </summary>
internal sealed class ApiUsage
{
    private int requests;
    private long remaining = long.MaxValue;

    /// <summary>Requests sent so far.</summary>
    public int Requests => Volatile.Read(ref requests);

    /// <summary>Requests the token has left, as the last response said (<see cref="long.MaxValue"/> before any).</summary>
    public long Remaining => Interlocked.Read(ref remaining);

    /// <summary>Counts one response.</summary>
    public void Count(HttpResponseHeaders headers)
    {
        Interlocked.Increment(ref requests);
        if (headers.TryGetValues("x-ratelimit-remaining", out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var left))
        {
            Interlocked.Exchange(ref remaining, left);
        }
    }
}
