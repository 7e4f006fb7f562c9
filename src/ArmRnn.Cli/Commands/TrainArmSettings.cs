using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ArmRnn.Cli.Commands;

/// <summary>Options of <c>armrnn train-arm</c>. Every value is also in its configuration (<c>--config</c>,
/// <c>--print-config</c>); a flag overrides the configuration file.</summary>
internal sealed class TrainArmSettings : CommandSettings
{
    [CommandOption("--data <FILE>")]
    [Description("Training data (HDF5 from 'armrnn generate' or a pipeline run's data-train.h5); repeat to train on several files.")]
    public string[]? Data { get; init; }

    [CommandOption("--out <FILE>")]
    [Description("The ArmNet checkpoint to write. Training state goes to <FILE>.training after every epoch; a rerun after Ctrl+C continues from it.")]
    public string? Out { get; init; }

    [CommandOption("--config <FILE>")]
    [Description("Start from this configuration (JSON as printed by --print-config; missing values keep their defaults).")]
    public string? Config { get; init; }

    [CommandOption("--print-config")]
    [Description("Print the effective configuration as JSON and exit.")]
    public bool PrintConfig { get; init; }

    [CommandOption("--preset <PRESET>")]
    [Description("The training preset: default (Adam 2e-3, cosine decay, batch 32) or poster (SGD 0.07, batch 128, L2 1e-4, clip 10).")]
    public string? Preset { get; init; }

    [CommandOption("--hidden <N>")]
    [Description("Hidden units per layer (default 1024).")]
    public int? Hidden { get; init; }

    [CommandOption("--layers <N>")]
    [Description("Recurrent layers (default 1).")]
    public int? Layers { get; init; }

    [CommandOption("--cell <CELL>")]
    [Description("gru (default) or lstm.")]
    public string? Cell { get; init; }

    [CommandOption("--epochs <N>")]
    [Description("Maximum epochs.")]
    public int? Epochs { get; init; }

    [CommandOption("--batch <N>")]
    [Description("Trajectories per minibatch.")]
    public int? Batch { get; init; }

    [CommandOption("--lr <RATE>")]
    [Description("Initial learning rate.")]
    public double? LearningRate { get; init; }

    [CommandOption("--optimizer <NAME>")]
    [Description("adam or sgd.")]
    public string? Optimizer { get; init; }

    [CommandOption("--weight-decay <L2>")]
    [Description("L2 penalty as the optimiser's weight decay.")]
    public double? WeightDecay { get; init; }

    [CommandOption("--clip <NORM>")]
    [Description("Clip the global gradient norm to this value (0: no clipping).")]
    public double? Clip { get; init; }

    [CommandOption("--hand-weight <W>")]
    [Description("Loss weight of the hand x and y channels (others weigh 1; default 1).")]
    public double? HandWeight { get; init; }

    [CommandOption("--seed <SEED>")]
    [Description("Seed of the initial weights, the validation split and the minibatch order (default 1).")]
    public ulong? Seed { get; init; }

    [CommandOption("--threads <N>")]
    [Description("TorchSharp CPU threads (results repeat bit for bit at a fixed count). Default: TorchSharp's.")]
    public int? Threads { get; init; }

    [CommandOption("--device <DEVICE>")]
    [Description("cpu, cuda or cuda:N (default: CUDA when available, else CPU; or the ARMRNN_DEVICE variable).")]
    public string? Device { get; init; }

    public override ValidationResult Validate()
    {
        if (Preset is not null and not ("default" or "poster"))
        {
            return ValidationResult.Error($"--preset must be 'default' or 'poster'; it is '{Preset}'.");
        }

        if (Preset is not null && Config is not null)
        {
            return ValidationResult.Error("--preset and --config both choose the starting configuration; give one of them.");
        }

        if (Cell is not null and not ("gru" or "lstm"))
        {
            return ValidationResult.Error($"--cell must be 'gru' or 'lstm'; it is '{Cell}'.");
        }

        if (Optimizer is not null and not ("adam" or "sgd"))
        {
            return ValidationResult.Error($"--optimizer must be 'adam' or 'sgd'; it is '{Optimizer}'.");
        }

        if (Threads is < 1)
        {
            return ValidationResult.Error(string.Create(CultureInfo.InvariantCulture, $"--threads must be at least 1; it is {Threads}."));
        }

        return ValidationResult.Success();
    }
}
