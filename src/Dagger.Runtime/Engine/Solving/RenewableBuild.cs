using Dagger.Runtime.BuildKit;

namespace Dagger.Runtime.Engine.Solving;

/// <summary>
/// The run's build session, which can be swapped for a new one. BuildKit keeps a vertex that failed for as long as
/// the build that loaded it is open, so a failure that came from a busy engine rather than from the op clears only
/// in another build.
/// </summary>
public sealed class RenewableBuild : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task<BuildSession>>? start;
    private volatile BuildSession current;

    private RenewableBuild(BuildSession current, Func<CancellationToken, Task<BuildSession>>? start)
    {
        this.current = current;
        this.start = start;
    }

    /// <summary>The session to use now; after <see cref="RenewAsync"/>, a different one.</summary>
    public BuildSession Current => current;

    /// <summary>Whether <see cref="RenewAsync"/> can start a new session.</summary>
    public bool CanRenew => start is not null;

    /// <summary>How many times the session was replaced.</summary>
    public int Renewals { get; private set; }

    /// <summary>Starts the first session with <paramref name="start"/>, which also starts each later one.</summary>
    public static async Task<RenewableBuild> StartAsync(Func<CancellationToken, Task<BuildSession>> start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        return new RenewableBuild(await start(cancellationToken).ConfigureAwait(false), start);
    }

    /// <summary>Wraps one session that is never replaced; its owner disposes it.</summary>
    public static RenewableBuild Of(BuildSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new RenewableBuild(session, null);
    }

    /// <summary>Ends the current session (as cancelled) and starts a new one.</summary>
    /// <exception cref="InvalidOperationException">The build was made by <see cref="Of"/>.</exception>
    public async Task RenewAsync(CancellationToken cancellationToken)
    {
        if (start is null)
        {
            throw new InvalidOperationException("this build wraps one session and cannot start another");
        }

        // The old build must be gone first: vertices are shared between open builds, failures included.
        await current.DisposeAsync().ConfigureAwait(false);
        current = await start(cancellationToken).ConfigureAwait(false);
        Renewals++;
    }

    /// <summary>Ends the current session, when this build started it.</summary>
    public ValueTask DisposeAsync() => start is null ? ValueTask.CompletedTask : current.DisposeAsync();
}
