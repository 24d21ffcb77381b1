using System.Runtime;

namespace Dagger.Tool.Commands;

/// <summary>
/// Holds garbage collection off while a one-shot <c>dagger cue</c> command evaluates. The evaluator's graph stays
/// reachable until the output is written (at 10,000 components, 60% of what the export allocates is still live at the
/// end), so a collection in the middle traces a large live graph to reclaim little: it was 40% of such an export's
/// time, and the reason that time grew faster than the plan (bench/README.md). The allowance is bounded by memory;
/// past it the runtime collects as usual. <c>DAGGER_BATCH_GC=0</c> turns this off.
/// </summary>
internal static class BatchGc
{
    private const long MaxAllowance = 1L << 30;
    private const long MinAllowance = 64L << 20;

    /// <summary>
    /// Whether the hold ends with the work (the default, for a host that goes on) or lasts until the process exits:
    /// after the hold, the first allocation would bring a collection that sweeps everything the evaluation allocated.
    /// </summary>
    public static bool ReleaseAfterWork { get; set; } = true;

    /// <summary>Runs <paramref name="work"/> with collections held off, within the allowance.</summary>
    public static T Run<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var held = TryHold();
        try
        {
            return work();
        }
        finally
        {
            if (held && ReleaseAfterWork)
            {
                Release();
            }
        }
    }

    private static bool TryHold()
    {
        // Asking again while held throws and, in the runtime, ends the hold: a command inside another leaves it be.
        if (Environment.GetEnvironmentVariable("DAGGER_BATCH_GC") == "0" || GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
        {
            return false;
        }

        // A quarter of the memory the process may use: a container with little memory keeps most of it for collecting.
        var allowance = Math.Min(MaxAllowance, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4);
        if (allowance < MinAllowance)
        {
            return false;
        }

        try
        {
            return GC.TryStartNoGCRegion(allowance);
        }
        catch (ArgumentOutOfRangeException)
        {
            // More than this runtime's collector can set aside at once: collect as usual.
            return false;
        }
        catch (InvalidOperationException)
        {
            // Held by another command that started in between (a host running several at once).
            return false;
        }
    }

    private static void Release()
    {
        // Past the allowance the runtime has already collected and left the mode.
        if (GCSettings.LatencyMode != GCLatencyMode.NoGCRegion)
        {
            return;
        }

        try
        {
            GC.EndNoGCRegion();
        }
        catch (InvalidOperationException)
        {
            // A collection was induced or the allowance was exceeded in between: the mode is over either way.
        }
    }
}
