using ArmRnn.Abstractions;
using ArmRnn.Data;
using ArmRnn.Randomness;
using ArmRnn.Tasks;
using ArmRnn.Torch.Networks;
using ArmRnn.Torch.Training;

namespace ArmRnn.Torch.Tests.TestSupport;

/// <summary>
/// Rebuilds the trials <see cref="ControllerTrainer"/> draws for iteration 0, independently of the trainer: its random
/// source is <c>new DeterministicRandom(Seed).Fork(0)</c>, the start states come from that source's <c>Fork(0)</c>
/// (sampled and completed by the plant), the task batch from its <c>Fork(1)</c>.
/// </summary>
internal sealed record FirstIterationTrials(DeterministicRandom Random, TrajectoryArray Starts, ReachTaskBatch Trials)
{
    public static FirstIterationTrials Create(ControllerTrainingOptions options, IPlant plant, IReachTask task, ArmNet armNet)
    {
        var random = new DeterministicRandom(options.Seed).Fork(0);
        var requested = new double[options.BatchSize * plant.Layout.Count];
        plant.SampleInitialStates(random.Fork(0), requested);
        var starts = new TrajectoryArray(options.BatchSize, 1, plant.Layout.Count);
        plant.Reset(requested, starts.AsSpan());
        var trials = task.CreateBatch(options.BatchSize, options.Steps, armNet.Dt, starts, armNet.Layout, random.Fork(1));
        return new FirstIterationTrials(random, starts, trials);
    }
}
