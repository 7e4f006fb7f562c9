using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ArmRnn.Cli.Commands;

/// <summary>Options of <c>armrnn train-controller</c>. Every value is also in its configuration (<c>--config</c>,
/// <c>--print-config</c>); a flag overrides the configuration file.</summary>
internal sealed class TrainControllerSettings : CommandSettings
{
    [CommandOption("--armnet <FILE>")]
    [Description("The trained ArmNet checkpoint the controller learns through (frozen).")]
    public string? ArmNet { get; init; }

    [CommandOption("--out <FILE>")]
    [Description("The ControllerNet checkpoint to write. Training state goes to <FILE>.training; a rerun after Ctrl+C continues from it.")]
    public string? Out { get; init; }

    [CommandOption("--config <FILE>")]
    [Description("Start from this configuration (JSON as printed by --print-config; missing values keep their defaults).")]
    public string? Config { get; init; }

    [CommandOption("--print-config")]
    [Description("Print the effective configuration as JSON and exit.")]
    public bool PrintConfig { get; init; }

    [CommandOption("--hidden <N>")]
    [Description("ControllerNet's hidden units (default 1024).")]
    public int? Hidden { get; init; }

    [CommandOption("--iterations <N>")]
    [Description("Training iterations (default 2000).")]
    public int? Iterations { get; init; }

    [CommandOption("--batch <N>")]
    [Description("Trials per iteration (default 64).")]
    public int? Batch { get; init; }

    [CommandOption("--steps <N>")]
    [Description("Control steps per trial (default 100).")]
    public int? Steps { get; init; }

    [CommandOption("--lr <RATE>")]
    [Description("Initial learning rate (default 3e-3).")]
    public double? LearningRate { get; init; }

    [CommandOption("--radius <M>")]
    [Description("Centre-out target distance in metres (default 0.10).")]
    public double? Radius { get; init; }

    [CommandOption("--seed <SEED>")]
    [Description("Seed of the initial weights, the trials and the controller's noise (default 1).")]
    public ulong? Seed { get; init; }

    [CommandOption("--model <MODEL>")]
    [Description("The plant the starting states come from: arm26 (built in) or an OpenSim .osim file (must be ArmNet's).")]
    public string? Model { get; init; }

    [CommandOption("--posture-range <FRACTION>")]
    [Description("Starting postures: this fraction of each coordinate's range, centred on the home posture (Plant.HomePosture; Plant.TrainingPostureRange).")]
    public double? PostureRange { get; init; }

    [CommandOption("--accuracy <A>")]
    [Description("Integrator accuracy of the plant (default 1e-5).")]
    public double? Accuracy { get; init; }

    [CommandOption("--threads <N>")]
    [Description("TorchSharp CPU threads (results repeat bit for bit at a fixed count). Default: TorchSharp's.")]
    public int? Threads { get; init; }

    [CommandOption("--device <DEVICE>")]
    [Description("cpu, cuda or cuda:N (default: CUDA when available, else CPU; or the ARMRNN_DEVICE variable).")]
    public string? Device { get; init; }

    public override ValidationResult Validate() => Threads is < 1
        ? ValidationResult.Error(string.Create(CultureInfo.InvariantCulture, $"--threads must be at least 1; it is {Threads}."))
        : ValidationResult.Success();
}
