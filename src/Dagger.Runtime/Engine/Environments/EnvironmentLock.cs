using Dagger.Runtime.Engine.Diagnostics;

namespace Dagger.Runtime.Engine.Environments;

/// <summary>
/// The lock that keeps runs of one environment from overlapping: an exclusive lock (flock on Unix) on
/// <c>state/lock</c>, released when disposed or when the process ends, however it ends.
/// </summary>
public sealed class EnvironmentLock : IDisposable
{
    private readonly FileStream stream;

    private EnvironmentLock(FileStream stream) => this.stream = stream;

    /// <summary>
    /// Takes the lock. While another run holds it, waits (calling <paramref name="onWaiting"/> once), or with
    /// <paramref name="noWait"/> fails at once.
    /// </summary>
    /// <exception cref="DaggerException"><see cref="ErrorCodes.EnvironmentLocked"/> with <paramref name="noWait"/>.</exception>
    public static async Task<EnvironmentLock> AcquireAsync(DaggerEnvironment environment, bool noWait, Action? onWaiting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        try
        {
            Directory.CreateDirectory(environment.StateDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DaggerException(ErrorCodes.WriteFailed, Message.Format(Messages.CannotCreate, environment.StateDirectory, e.Message), null, e);
        }

        var told = false;
        while (true)
        {
            try
            {
                return new EnvironmentLock(new FileStream(environment.LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (File.Exists(environment.LockPath))
            {
                if (noWait)
                {
                    throw new DaggerException(ErrorCodes.EnvironmentLocked, Message.Format(Messages.EnvironmentLocked, environment.Name, environment.LockPath));
                }

                if (!told)
                {
                    told = true;
                    onWaiting?.Invoke();
                }

                await Task.Delay(200, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => stream.Dispose();
}
