using ArmRnn.Plants;
using ArmRnn.Torch.Pipeline;

namespace ArmRnn.Torch.Tests.Pipeline;

/// <summary>A pipeline small enough for tests, on the linear point-mass plant.</summary>
internal static class PointMassPipeline
{
    public static GenerationPipelineOptions Options()
    {
        var options = GenerationPipelineOptions.Quick();
        options.Seed = 7;
        options.InitialData.Trajectories = 48;
        options.InitialData.Steps = 60;
        options.NewData.Trajectories = 32;
        options.ArmNet.Network.HiddenSize = 16;
        options.ArmNet.Training.Epochs = 4;
        options.ArmNet.Training.BatchSize = 8;
        options.Controller.Network.HiddenSize = 16;
        options.Controller.Training.Iterations = 6;
        options.Controller.FineTuning = new ControllerFineTuningOptions { Iterations = 4, LearningRate = 5e-3, WarmupPeriods = 1 };
        options.Controller.Training.BatchSize = 8;
        options.Controller.Training.Steps = 60;
        options.Controller.Training.CheckpointEvery = 2;
        options.Controller.Training.ReportEvery = 1;
        options.Controller.Task.Hand = PointMassPlant.Hand;
        options.Controller.Task.Radius = 0.03;
        options.Controller.Task.GoCueTime = 0.1;
        options.Controller.Task.GoCueJitter = 0.05;
        options.Controller.Task.MovementTime = 0.4;
        return options;
    }

    public static PipelinePlants Plants() => new(new PointMassPlant());
}
