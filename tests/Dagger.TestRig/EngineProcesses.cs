using System.Diagnostics;

namespace Dagger.TestRig;

/// <summary>
/// The processes of the engine's containers, seen from this machine's /proc: the rig's engine is local, so what a
/// BuildKit exec runs is a process here. A run that ended must leave none of its own behind.
/// </summary>
public static class EngineProcesses
{
    /// <summary>The ids of running processes whose whole command line is <paramref name="argv"/>.</summary>
    public static IReadOnlyList<int> Find(params string[] argv)
    {
        var wanted = string.Join('\0', argv) + "\0";
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")) == wanted)
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while it was being read.
            }
        }

        return found;
    }

    /// <summary>Waits until a process runs <paramref name="argv"/>, so that a later check for its absence means something.</summary>
    public static async Task WaitPresentAsync(TimeSpan within, CancellationToken cancellationToken, params string[] argv)
    {
        var clock = Stopwatch.StartNew();
        while (Find(argv).Count == 0)
        {
            if (clock.Elapsed > within)
            {
                throw new TimeoutException($"'{string.Join(' ', argv)}' did not show up among this machine's processes within {within.TotalSeconds:0} s: is the engine local?");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Waits until no process runs <paramref name="argv"/>; returns how long that took, or throws after <paramref name="within"/>.</summary>
    public static Task<TimeSpan> WaitGoneAsync(TimeSpan within, CancellationToken cancellationToken, params string[] argv) =>
        WaitUntil.NoneLeftAsync(
            () => Find(argv),
            within,
            left => $"'{string.Join(' ', argv)}' still runs in the engine {within.TotalSeconds:0} s after its run ended (pids {string.Join(", ", left)})",
            cancellationToken);
}
