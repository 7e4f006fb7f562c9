using System.Globalization;
using ArmRnn.Abstractions;
using ArmRnn.Data;
using ArmRnn.Randomness;
using ArmRnn.Tasks;

namespace ArmRnn.Datasets;

/// <summary>What the loop-driven dataset sources share: seeded starting states and trials for batch i, and its
/// provenance.</summary>
internal static class ReachBatchPreparation
{
    /// <summary>Starting states sampled from <c>Fork(0)</c> of <paramref name="stream"/> and made consistent by the
    /// plant (the task reads the start hand position from them), and trials from <c>Fork(1)</c>.</summary>
    public static (TrajectoryArray Start, ReachTaskBatch Trials) Prepare(IPlant plant, IReachTask task, DatasetShapeOptions options, DeterministicRandom stream)
    {
        var start = new TrajectoryArray(options.BatchSize, 1, plant.Layout.Count);
        plant.SampleInitialStates(stream.Fork(0), start.AsSpan());
        plant.Reset(start.AsSpan(), start.AsSpan());
        var trials = task.CreateBatch(options.BatchSize, options.Steps, plant.Dt, start, plant.Layout, stream.Fork(1));
        return (start, trials);
    }

    /// <summary>The provenance entries of batch <paramref name="batchIndex"/>.</summary>
    public static KeyValuePair<string, string>[] Provenance(string source, IReachTask task, DatasetShapeOptions options, int batchIndex) =>
    [
        new("source", source),
        new("task", task.Description),
        new("seed", options.Seed.ToString(CultureInfo.InvariantCulture)),
        new("batch_index", batchIndex.ToString(CultureInfo.InvariantCulture)),
    ];
}
