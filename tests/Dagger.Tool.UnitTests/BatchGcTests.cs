using System.Runtime;
using Dagger.Tool.Commands;

namespace Dagger.Tool.UnitTests;

/// <summary>
/// A one-shot cue command holds collections off while it evaluates, and leaves the collector as it found it, whatever
/// the work does. Not parallel: the mode is the process's.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class BatchGcTests
{
    [TestMethod]
    public void Collections_are_held_off_during_the_work_and_resume_after_it()
    {
        var before = GC.CollectionCount(0);
        var (mode, collections) = BatchGc.Run(() =>
        {
            // Well within the allowance: no collection may happen.
            var garbage = Enumerable.Range(0, 20_000).Select(i => new byte[512]).Count();
            return (GCSettings.LatencyMode, GC.CollectionCount(0) - before);
        });

        Assert.AreEqual(GCLatencyMode.NoGCRegion, mode);
        Assert.IsLessThanOrEqualTo(1, collections, "starting the hold may collect once; the work itself never");
        Assert.AreNotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    [TestMethod]
    public void A_command_inside_another_keeps_the_outer_hold()
    {
        var inner = BatchGc.Run(() =>
        {
            var nested = BatchGc.Run(() => GCSettings.LatencyMode);
            return (nested, GCSettings.LatencyMode);
        });

        Assert.AreEqual(GCLatencyMode.NoGCRegion, inner.nested);
        Assert.AreEqual(GCLatencyMode.NoGCRegion, inner.LatencyMode, "the nested run did not end the outer hold");
        Assert.AreNotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    [TestMethod]
    public void A_collection_forced_during_the_work_ends_the_hold_without_an_error()
    {
        var answer = BatchGc.Run(() =>
        {
            GC.Collect();
            return GCSettings.LatencyMode;
        });

        Assert.AreNotEqual(GCLatencyMode.NoGCRegion, answer);
        Assert.AreNotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    [TestMethod]
    public void In_a_process_that_ends_with_its_command_the_hold_outlasts_the_work()
    {
        BatchGc.ReleaseAfterWork = false;
        try
        {
            BatchGc.Run(() => 0);
            Assert.AreEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
        }
        finally
        {
            BatchGc.ReleaseAfterWork = true;
            GC.EndNoGCRegion();
        }

        Assert.AreNotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    [TestMethod]
    public void DAGGER_BATCH_GC_0_turns_it_off()
    {
        Environment.SetEnvironmentVariable("DAGGER_BATCH_GC", "0");
        try
        {
            Assert.AreNotEqual(GCLatencyMode.NoGCRegion, BatchGc.Run(() => GCSettings.LatencyMode));
        }
        finally
        {
            Environment.SetEnvironmentVariable("DAGGER_BATCH_GC", null);
        }
    }

    [TestMethod]
    public void An_exception_from_the_work_passes_through_and_the_hold_ends()
    {
        var e = Assert.ThrowsExactly<InvalidDataException>(() => BatchGc.Run<int>(() => throw new InvalidDataException("bad plan")));

        Assert.AreEqual("bad plan", e.Message);
        Assert.AreNotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }
}
