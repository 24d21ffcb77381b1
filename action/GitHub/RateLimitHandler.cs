using System.Globalization;
using System.Net;

namespace Dagger.Action.GitHub;

/// <summary>
/// Sits under Octokit and keeps to GitHub's rate limits: every response is counted; a 429, a 403 of a rate limit
/// and a 5xx are sent again after the wait the server asks for (<c>Retry-After</c>, else <c>x-ratelimit-reset</c>),
/// or after a short backoff. A wait longer than <paramref name="maxWait"/> is not waited: the response goes up, and
/// the report falls back. Octokit's calls take no cancellation token, so the handler also watches
/// <paramref name="stop"/>.
/// </summary>
internal sealed class RateLimitHandler(ApiUsage usage, TimeProvider time, TimeSpan maxWait, CancellationToken stop) : DelegatingHandler
{
    /// <summary>Attempts of one request at most.</summary>
    public const int MaxAttempts = 4;

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stop);
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(linked.Token);
        for (var attempt = 1; ; attempt++)
        {
            using var message = attempt == 1 ? null : Copy(request, body);
            var response = await base.SendAsync(message ?? request, linked.Token);
            usage.Count(response.Headers);
            var wait = attempt < MaxAttempts ? RetryDelay(response, attempt) : null;
            if (wait is null || wait > maxWait)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(wait.Value, time, linked.Token);
        }
    }

    private TimeSpan? RetryDelay(HttpResponseMessage response, int attempt)
    {
        var status = (int)response.StatusCode;
        var backoff = TimeSpan.FromSeconds(Math.Pow(2, attempt - 1));
        var retryAfter = RetryAfter(response);
        var reset = RateLimitReset(response);
        return status switch
        {
            429 => retryAfter ?? reset ?? backoff,
            // A 403 is a rate limit only when the server says so; otherwise it is a permission, and final.
            403 => retryAfter ?? reset,
            500 or 502 or 503 or 504 => retryAfter ?? backoff,
            _ => null,
        };
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? Max(date - time.GetUtcNow()) : null;
    }

    private TimeSpan? RateLimitReset(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("x-ratelimit-remaining", out var remaining) && remaining.FirstOrDefault() == "0"
            && response.Headers.TryGetValues("x-ratelimit-reset", out var reset)
            && long.TryParse(reset.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return Max(DateTimeOffset.FromUnixTimeSeconds(seconds) - time.GetUtcNow());
        }

        return null;
    }

    private static TimeSpan Max(TimeSpan wait) => wait < TimeSpan.Zero ? TimeSpan.Zero : wait;

    private static HttpRequestMessage Copy(HttpRequestMessage request, byte[]? body)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version };
        foreach (var (name, values) in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(name, values);
        }

        if (body is not null)
        {
            copy.Content = new ByteArrayContent(body);
            foreach (var (name, values) in request.Content!.Headers)
            {
                copy.Content.Headers.TryAddWithoutValidation(name, values);
            }
        }

        return copy;
    }
}
