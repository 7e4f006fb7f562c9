using ArmRnn.Cli.Commands;
using ArmRnn.Tasks;
using ArmRnn.Torch.Networks;
using ArmRnn.Torch.Pipeline;
using ArmRnn.Torch.Training;

namespace ArmRnn.Cli.Configuration;

/// <summary>The effective configuration of <c>armrnn train-controller</c>: the <c>--config</c> file (or the
/// defaults), then the flags. <see cref="Network"/>, <see cref="Training"/> and <see cref="Task"/> are the pipeline's
/// <c>Controller</c> section's.</summary>
internal sealed class TrainControllerConfiguration
{
    /// <summary>The frozen ArmNet checkpoint (<c>--armnet</c>).</summary>
    public string? ArmNet { get; set; }

    /// <summary>The checkpoint to write (<c>--out</c>).</summary>
    public string? Out { get; set; }

    /// <summary>TorchSharp CPU threads (null: TorchSharp's default).</summary>
    public int? Threads { get; set; }

    /// <summary>The device (null: CUDA when available, else CPU).</summary>
    public string? Device { get; set; }

    /// <summary>The plant the trials' starting states are drawn from (<see cref="PlantConfiguration.TrainingPostureRange"/>
    /// around the centre posture); its layout must be ArmNet's.</summary>
    public PlantConfiguration Plant { get; set; } = new();

    /// <summary>The architecture.</summary>
    public ControllerNetOptions Network { get; set; } = new();

    /// <summary>The trainer's settings; its <see cref="ControllerTrainingOptions.Seed"/> also seeds the initial weights.
    /// <see cref="ControllerTrainingOptions.CheckpointPath"/> is always <c>&lt;Out&gt;.training</c>.</summary>
    public ControllerTrainingOptions Training { get; set; } = ControllerTrainingOptions.Default();

    /// <summary>The centre-out task (stored in the checkpoint for <c>evaluate</c> and <c>generate</c>).</summary>
    public CenterOutTaskOptions Task { get; set; } = new ControllerStageOptions().Task;

    public static TrainControllerConfiguration Resolve(TrainControllerSettings settings)
    {
        var source = CommandConfigurationFile.Source(settings.Config);
        var c = CommandConfigurationFile.ReadOrDefault(settings.Config, () => new TrainControllerConfiguration());
        c.Plant ??= new PlantConfiguration();
        c.Network ??= new ControllerNetOptions();
        c.Training ??= ControllerTrainingOptions.Default();
        c.Training.Optimization ??= new OptimizationOptions();
        c.Task ??= new ControllerStageOptions().Task;
        c.ArmNet = settings.ArmNet ?? c.ArmNet;
        c.Out = settings.Out ?? c.Out;
        c.Threads = settings.Threads ?? c.Threads;
        c.Device = settings.Device ?? c.Device;
        c.Plant.Model = settings.Model ?? c.Plant.Model;
        c.Plant.Accuracy = settings.Accuracy ?? c.Plant.Accuracy;
        c.Plant.TrainingPostureRange = settings.PostureRange ?? c.Plant.TrainingPostureRange;
        c.Network.HiddenSize = settings.Hidden ?? c.Network.HiddenSize;
        c.Training.Iterations = settings.Iterations ?? c.Training.Iterations;
        c.Training.BatchSize = settings.Batch ?? c.Training.BatchSize;
        c.Training.Steps = settings.Steps ?? c.Training.Steps;
        c.Training.Seed = settings.Seed ?? c.Training.Seed;
        c.Training.Optimization.LearningRate = settings.LearningRate ?? c.Training.Optimization.LearningRate;
        c.Task.Radius = settings.Radius ?? c.Task.Radius;

        PlantChecks.EnsureValid(c.Plant, source);
        CommandConfigurationFile.EnsureValid(c.Network, nameof(Network), source);
        CommandConfigurationFile.EnsureValid(c.Training, nameof(Training), source);
        CommandConfigurationFile.EnsureValid(c.Task, nameof(Task), source);
        if (c.Threads is < 1)
        {
            throw new ArgumentException($"{source}: Threads must be at least 1; it is {c.Threads}.");
        }

        return c;
    }
}
