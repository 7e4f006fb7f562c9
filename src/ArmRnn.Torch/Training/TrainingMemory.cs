using ArmRnn.Torch.Platform;

namespace ArmRnn.Torch.Training;

/// <summary>
/// What the trainers do between epochs (and at controller progress reports) so that a long run's resident memory stays
/// at what it holds: the tensors of the finished period are already disposed, but their managed handles (a few KB per
/// step) sit in the collector's older generations until it next collects them, and freed C-heap pages stay resident.
/// </summary>
internal static class TrainingMemory
{
    /// <summary>
    /// A full blocking collection (reclaims the handles, and queues the finalizers of tensors a caller forgot to
    /// dispose, whose native storage the finalizers free), then the pending finalizers, then the C heap's free pages
    /// back to the system (<see cref="NativeHeapTuning.ReleaseFreeMemory"/>). Costs a few milliseconds against
    /// epochs of seconds at full size (docs/benchmarks.md).
    /// </summary>
    public static void ReleaseAfterPeriod()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
        GC.WaitForPendingFinalizers();
        NativeHeapTuning.ReleaseFreeMemory();
    }
}
