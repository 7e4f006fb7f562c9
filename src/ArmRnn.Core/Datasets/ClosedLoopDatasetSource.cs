using ArmRnn.Abstractions;
using ArmRnn.Data;
using ArmRnn.Loops;
using ArmRnn.Options;
using ArmRnn.Randomness;
using ArmRnn.Tasks;

namespace ArmRnn.Datasets;

/// <summary>
/// New data from a controller driving a plant in closed loop on a reaching task (step 4 of the pipeline, closed
/// loop). Batch i uses <c>Fork(i)</c> of the seed: starting states from <c>Fork(0)</c> of that, trials from
/// <c>Fork(1)</c>.
/// </summary>
public sealed class ClosedLoopDatasetSource : IDatasetSource
{
    private readonly ClosedLoop _loop;
    private readonly IReachTask _task;
    private readonly DatasetShapeOptions _options;

    /// <summary>Creates the source.</summary>
    /// <param name="plant">The plant (used by one enumeration at a time).</param>
    /// <param name="controller">The controller (e.g. ControllerNet, perhaps wrapped in an
    /// <see cref="Controllers.ExcitationNoiseController"/> for exploration).</param>
    /// <param name="task">The task that sets targets and go cues.</param>
    /// <param name="options">Batch size, count, steps, seed and generation (copied).</param>
    public ClosedLoopDatasetSource(IPlant plant, IController controller, IReachTask task, DatasetShapeOptions options)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(options);
        _loop = new ClosedLoop(plant, controller);
        _task = task;
        _options = options.Clone().EnsureValid();
    }

    /// <inheritdoc />
    public string Description => $"{_loop.Controller.GetType().Name} on {_loop.Plant.Layout.Name} in closed loop, {_task.Description}";

    /// <inheritdoc />
    public IEnumerable<TrajectoryBatch> ReadBatches(CancellationToken cancellationToken = default)
    {
        var root = new DeterministicRandom(_options.Seed);
        for (var i = 0; i < _options.BatchCount; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (start, trials) = ReachBatchPreparation.Prepare(_loop.Plant, _task, _options, root.Fork((ulong)i));
            var batch = _loop.Run(start, trials.Inputs, _options.Generation, cancellationToken);
            yield return batch.WithProvenance(ReachBatchPreparation.Provenance("closed-loop", _task, _options, i));
        }
    }
}
