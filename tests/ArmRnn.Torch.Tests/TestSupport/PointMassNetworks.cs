using ArmRnn.Data;
using ArmRnn.Plants;
using ArmRnn.Tasks;
using ArmRnn.Torch.Networks;
using ArmRnn.Torch.Training;
using TorchSharp;

namespace ArmRnn.Torch.Tests.TestSupport;

/// <summary>Small networks for the point-mass plant, built the same way in every test.</summary>
internal static class PointMassNetworks
{
    public static ArmNet CreateArmNet(TrajectoryBatch data, int hidden, long seed = 1, ArmNetOptions? options = null)
    {
        torch.manual_seed(seed);
        var architecture = options ?? new ArmNetOptions();
        architecture.HiddenSize = hidden;
        return new ArmNet(data.Layout, data.ExcitationNames, data.Dt, ChannelNormalization.FromData(data, data.Layout), architecture, torch.CPU);
    }

    /// <summary>An ArmNet trained briefly (good enough to drive, not the 99.9% one).</summary>
    public static ArmNet TrainedArmNet(int epochs = 60)
    {
        var data = PointMassData.Generate(trajectories: 160, steps: 100, seed: 21);
        var net = CreateArmNet(data, hidden: 64);
        var options = ArmNetTrainingOptions.Default();
        options.Epochs = epochs;
        options.BatchSize = 16;
        options.Optimization.LearningRate = 0.02;
        options.EarlyStoppingPatience = 0;
        new ArmNetTrainer(options).Train(net, data);
        return net;
    }

    public static ControllerNet CreateController(ArmNet armNet, int hidden, long seed = 2, ControllerNetOptions? options = null)
    {
        torch.manual_seed(seed);
        var architecture = options ?? new ControllerNetOptions();
        architecture.HiddenSize = hidden;
        return new ControllerNet(armNet.Layout, ReachTaskInputs.Names, armNet.ExcitationNames, armNet.Normalization, architecture, torch.CPU);
    }

    public static CenterOutTask Task(double radius = 0.03) => new(new CenterOutTaskOptions
    {
        Hand = PointMassPlant.Hand,
        Radius = radius,
        GoCueTime = 0.2,
        MovementTime = 0.5,
    });
}
