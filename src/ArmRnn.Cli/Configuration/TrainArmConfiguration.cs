using ArmRnn.Cli.Commands;
using ArmRnn.Torch.Networks;
using ArmRnn.Torch.Training;

namespace ArmRnn.Cli.Configuration;

/// <summary>The effective configuration of <c>armrnn train-arm</c>: the <c>--config</c> file (or a preset), then the
/// flags. <see cref="Network"/> and <see cref="Training"/> are the pipeline's <c>ArmNet</c> section's.</summary>
internal sealed class TrainArmConfiguration
{
    /// <summary>The training data files (<c>--data</c>).</summary>
    public IReadOnlyList<string> Data { get; set; } = [];

    /// <summary>The checkpoint to write (<c>--out</c>).</summary>
    public string? Out { get; set; }

    /// <summary>Loss weight of the hand's x and y channels relative to 1 for the others, unless
    /// <see cref="ArmNetTrainingOptions.ChannelWeights"/> names them (default 1; as the pipeline's
    /// <c>ArmNet.HandLossWeight</c>).</summary>
    public double HandLossWeight { get; set; } = 1.0;

    /// <summary>TorchSharp CPU threads (null: TorchSharp's default).</summary>
    public int? Threads { get; set; }

    /// <summary>The device (null: CUDA when available, else CPU).</summary>
    public string? Device { get; set; }

    /// <summary>The architecture.</summary>
    public ArmNetOptions Network { get; set; } = new();

    /// <summary>The trainer's settings; its <see cref="ArmNetTrainingOptions.Seed"/> also seeds the initial weights.
    /// <see cref="ArmNetTrainingOptions.CheckpointPath"/> is always <c>&lt;Out&gt;.training</c>.</summary>
    public ArmNetTrainingOptions Training { get; set; } = ArmNetTrainingOptions.Default();

    public static TrainArmConfiguration Resolve(TrainArmSettings settings)
    {
        var source = CommandConfigurationFile.Source(settings.Config);
        var c = CommandConfigurationFile.ReadOrDefault(settings.Config, () => new TrainArmConfiguration
        {
            Training = settings.Preset == "poster" ? ArmNetTrainingOptions.Poster() : ArmNetTrainingOptions.Default(),
        });
        c.Network ??= new ArmNetOptions();
        c.Training ??= ArmNetTrainingOptions.Default();
        c.Training.Optimization ??= new OptimizationOptions();
        c.Data = settings.Data is { Length: > 0 } data ? data : c.Data ?? [];
        c.Out = settings.Out ?? c.Out;
        c.HandLossWeight = settings.HandWeight ?? c.HandLossWeight;
        c.Threads = settings.Threads ?? c.Threads;
        c.Device = settings.Device ?? c.Device;
        c.Network.HiddenSize = settings.Hidden ?? c.Network.HiddenSize;
        c.Network.Layers = settings.Layers ?? c.Network.Layers;
        c.Network.Cell = settings.Cell switch
        {
            "gru" => RecurrentCellKind.Gru,
            "lstm" => RecurrentCellKind.Lstm,
            _ => c.Network.Cell,
        };
        c.Training.Epochs = settings.Epochs ?? c.Training.Epochs;
        c.Training.BatchSize = settings.Batch ?? c.Training.BatchSize;
        c.Training.Seed = settings.Seed ?? c.Training.Seed;
        var optimization = c.Training.Optimization;
        optimization.LearningRate = settings.LearningRate ?? optimization.LearningRate;
        optimization.Optimizer = settings.Optimizer switch
        {
            "adam" => OptimizerKind.Adam,
            "sgd" => OptimizerKind.Sgd,
            _ => optimization.Optimizer,
        };
        optimization.WeightDecay = settings.WeightDecay ?? optimization.WeightDecay;
        optimization.GradientClipNorm = settings.Clip ?? optimization.GradientClipNorm;

        CommandConfigurationFile.EnsureValid(c.Network, nameof(Network), source);
        CommandConfigurationFile.EnsureValid(c.Training, nameof(Training), source);
        if (!double.IsFinite(c.HandLossWeight) || c.HandLossWeight <= 0)
        {
            throw new ArgumentException($"{source}: HandLossWeight (--hand-weight) must be finite and positive; it is {c.HandLossWeight}.");
        }

        if (c.Threads is < 1)
        {
            throw new ArgumentException($"{source}: Threads must be at least 1; it is {c.Threads}.");
        }

        return c;
    }
}
