using System.Collections.Concurrent;

namespace Dagger.Runtime.Cue;

/// <summary>
/// A thread with a large stack, kept for the next evaluation once it is done. A run evaluates CUE many times (each
/// fill, each decode of a task that waits), and starting a thread with a large stack for each cost more than most of
/// those evaluations.
/// </summary>
internal sealed class LargeStackWorker
{
    private static readonly ConcurrentBag<LargeStackWorker> Idle = [];

    [ThreadStatic]
    private static bool t_onWorker;

    // Monitor's wait and pulse rather than events: a worker lives as long as the process, with nothing to dispose.
    private readonly object gate = new();
    private Action? job;
    private bool finished;

    private LargeStackWorker(int stackSize) =>
        new Thread(Loop, stackSize) { IsBackground = true, Name = "cue evaluation" }.Start();

    /// <summary>Runs <paramref name="work"/>, which must not throw, on a worker with a stack of <paramref name="stackSize"/> bytes.</summary>
    public static void Run(Action work, int stackSize)
    {
        // Already on a worker: its stack is the large one, and waiting for another worker would only add a switch.
        if (t_onWorker)
        {
            work();
            return;
        }

        if (!Idle.TryTake(out var worker))
        {
            worker = new LargeStackWorker(stackSize);
        }

        lock (worker.gate)
        {
            worker.finished = false;
            worker.job = work;
            Monitor.PulseAll(worker.gate);
            while (!worker.finished)
            {
                Monitor.Wait(worker.gate);
            }
        }

        Idle.Add(worker);
    }

    private void Loop()
    {
        t_onWorker = true;
        while (true)
        {
            Action work;
            lock (gate)
            {
                while (job is null)
                {
                    Monitor.Wait(gate);
                }

                work = job;
                job = null;
            }

            work();
            lock (gate)
            {
                finished = true;
                Monitor.PulseAll(gate);
            }
        }
    }
}
