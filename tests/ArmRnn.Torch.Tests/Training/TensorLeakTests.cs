using ArmRnn.Data;
using ArmRnn.Loops;
using ArmRnn.Plants;
using ArmRnn.Randomness;
using ArmRnn.Torch.Tests.TestSupport;
using ArmRnn.Torch.Training;
using TorchSharp;
using Xunit.Abstractions;

namespace ArmRnn.Torch.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class TensorLeakTests(ITestOutputHelper output)
{
    private static long Live => DisposeScopeManager.Statistics.ThreadTotalLiveCount;

    [Fact]
    public void Training_steps_and_closed_loop_steps_do_not_grow_the_live_tensor_count()
    {
        torch.set_num_threads(1);
        var data = PointMassData.Generate(trajectories: 32, steps: 30, seed: 3);
        using var armNet = PointMassNetworks.CreateArmNet(data, hidden: 16);
        using var controller = PointMassNetworks.CreateController(armNet, hidden: 16);

        // ArmNet training: 12 epochs of 2 minibatches; the live count after each epoch must stay flat after the first.
        var afterEpoch = new List<long>();
        var armOptions = ArmNetTrainingOptions.Default();
        armOptions.Epochs = 12;
        armOptions.BatchSize = 12;
        armOptions.EarlyStoppingPatience = 0;
        var armTrainer = new ArmNetTrainer(armOptions);
        armTrainer.EpochCompleted += (_, _) => afterEpoch.Add(Live);
        armTrainer.Train(armNet, data);
        output.WriteLine($"live tensors after each ArmNet epoch: {string.Join(", ", afterEpoch)}");
        Assert.All(afterEpoch.Skip(2), n => Assert.Equal(afterEpoch[1], n));

        // ControllerNet training through ArmNet: 30 iterations, reported every iteration.
        var afterIteration = new List<long>();
        var controllerOptions = ControllerTrainingOptions.Default();
        controllerOptions.Iterations = 30;
        controllerOptions.ReportEvery = 1;
        controllerOptions.BatchSize = 4;
        controllerOptions.Steps = 70;
        var controllerTrainer = new ControllerTrainer(controllerOptions);
        controllerTrainer.ProgressReported += (_, _) => afterIteration.Add(Live);
        controllerTrainer.Train(controller, armNet, PointMassNetworks.Task(), new PointMassPlant());
        output.WriteLine($"live tensors after controller iterations: {string.Join(", ", afterIteration)}");
        Assert.All(afterIteration.Skip(2), n => Assert.Equal(afterIteration[1], n));

        // Closed loop: ControllerNet (IController) drives ArmNet (IPlant), 5 runs of 100 steps.
        var loop = new ClosedLoop(armNet, controller);
        var start = new TrajectoryArray(4, 1, armNet.Layout.Count);
        armNet.SampleInitialStates(new DeterministicRandom(1), start.AsSpan());
        var trials = PointMassNetworks.Task().CreateBatch(4, 100, armNet.Dt, start, armNet.Layout, new DeterministicRandom(2));
        var afterRun = new List<long>();
        for (var run = 0; run < 5; run++)
        {
            loop.Run(start, trials.Inputs);
            afterRun.Add(Live);
        }

        output.WriteLine($"live tensors after closed-loop runs: {string.Join(", ", afterRun)}");
        Assert.All(afterRun.Skip(1), n => Assert.Equal(afterRun[0], n));
    }
}
