using ArmRnn.Abstractions;
using ArmRnn.Data;
using ArmRnn.Loops;
using ArmRnn.Options;
using ArmRnn.Randomness;
using ArmRnn.Tasks;

namespace ArmRnn.Datasets;

/// <summary>
/// New data from the open loop (step 4 of the pipeline, open loop): a controller drives the surrogate (ArmNet) on a
/// reaching task, and the excitations it produced are replayed on the reference plant. The batches yielded are the
/// reference plant's (the real arm's response), which is what the next ArmNet generation trains on; use
/// <see cref="ReadResults"/> for both sides. Seeds as in <see cref="ClosedLoopDatasetSource"/>.
/// </summary>
public sealed class OpenLoopDatasetSource : IDatasetSource
{
    private readonly OpenLoop _loop;
    private readonly IReachTask _task;
    private readonly DatasetShapeOptions _options;

    /// <summary>Creates the source.</summary>
    /// <param name="surrogate">The plant the controller drives (e.g. ArmNet).</param>
    /// <param name="reference">The plant the excitations are replayed on (e.g. the OpenSim arm).</param>
    /// <param name="controller">The controller.</param>
    /// <param name="task">The task.</param>
    /// <param name="options">Batch size, count, steps, seed and generation (copied).</param>
    public OpenLoopDatasetSource(IPlant surrogate, IPlant reference, IController controller, IReachTask task, DatasetShapeOptions options)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(options);
        _loop = new OpenLoop(surrogate, reference, controller);
        _task = task;
        _options = options.Clone().EnsureValid();
    }

    /// <inheritdoc />
    public string Description => $"open loop on {_loop.Surrogate.Layout.Name} replayed on {_loop.Reference.GetType().Name}, {_task.Description}";

    /// <inheritdoc />
    public IEnumerable<TrajectoryBatch> ReadBatches(CancellationToken cancellationToken = default) =>
        ReadResults(cancellationToken).Select(r => r.Reference);

    /// <summary>Both sides of every batch.</summary>
    public IEnumerable<OpenLoopResult> ReadResults(CancellationToken cancellationToken = default)
    {
        var root = new DeterministicRandom(_options.Seed);
        for (var i = 0; i < _options.BatchCount; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (start, trials) = ReachBatchPreparation.Prepare(_loop.Reference, _task, _options, root.Fork((ulong)i));
            var result = _loop.Run(start, trials.Inputs, _options.Generation, cancellationToken);
            var provenance = ReachBatchPreparation.Provenance("open-loop", _task, _options, i);
            yield return new OpenLoopResult(result.Surrogate.WithProvenance(provenance), result.Reference.WithProvenance(provenance));
        }
    }
}
