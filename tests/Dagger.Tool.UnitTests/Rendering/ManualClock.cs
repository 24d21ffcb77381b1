namespace Dagger.Tool.UnitTests.Rendering;

/// <summary>A clock that moves only when a test moves it, firing the timers that fall due on the way.</summary>
internal sealed class ManualClock : TimeProvider
{
    private readonly List<ManualTimer> timers = [];
    private DateTimeOffset now = new(2026, 12, 5, 9, 16, 5, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        timers.Add(timer);
        return timer;
    }

    /// <summary>Moves the time on by <paramref name="by"/>, firing each timer every time it falls due.</summary>
    public void Advance(TimeSpan by)
    {
        var end = now + by;
        while (timers.Where(t => t.Due <= end).MinBy(t => t.Due) is { } next)
        {
            now = next.Due!.Value;
            next.Fire();
        }

        now = end;
    }

    private void Remove(ManualTimer timer) => timers.Remove(timer);

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan period;

        public DateTimeOffset? Due { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            this.period = period;
            Due = dueTime == Timeout.InfiniteTimeSpan ? null : clock.now + dueTime;
            return true;
        }

        public void Fire()
        {
            Due = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : Due + period;
            callback(state);
        }

        public void Dispose() => clock.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
