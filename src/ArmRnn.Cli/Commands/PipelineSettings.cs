using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ArmRnn.Cli.Commands;

/// <summary>Options of <c>armrnn pipeline</c>. Every value of the run is in its configuration (<c>--config</c>,
/// <c>--print-config</c>); the flags below override the most common ones.</summary>
internal sealed class PipelineSettings : CommandSettings
{
    [CommandOption("--out <FOLDER>")]
    [Description("Run folder (default runs/quick with --quick, else runs/pipeline). Rerunning with the same folder resumes.")]
    public string? Out { get; init; }

    [CommandOption("--quick")]
    [Description("Start from the preset sized for a 2-core CPU (2 generations, small GRUs, minutes). Without it (and without --config): the poster's sizes, for a GPU.")]
    public bool Quick { get; init; }

    [CommandOption("--config <FILE>")]
    [Description("Start from this configuration (JSON as printed by --print-config; missing values keep their defaults).")]
    public string? Config { get; init; }

    [CommandOption("--print-config")]
    [Description("Print the effective configuration as JSON and exit.")]
    public bool PrintConfig { get; init; }

    [CommandOption("--force")]
    [Description("Discard a run with another configuration found in the run folder instead of refusing.")]
    public bool Force { get; init; }

    [CommandOption("--seed <SEED>")]
    [Description("Seed of everything random in the run.")]
    public ulong? Seed { get; init; }

    [CommandOption("--generations <N>")]
    [Description("Generations of ArmNet and ControllerNet.")]
    public int? Generations { get; init; }

    [CommandOption("--model <MODEL>")]
    [Description("The plant: arm26 (built in) or an OpenSim .osim file.")]
    public string? Model { get; init; }

    [CommandOption("--new-data <MODE>")]
    [Description("How later generations get data from the controller: closed (on the real plant) or open (on ArmNet, replayed on the plant).")]
    public string? NewData { get; init; }

    [CommandOption("--noise <STD>")]
    [Description("Exploration noise (standard deviation) on the controller's excitations when making new data.")]
    public double? Noise { get; init; }

    [CommandOption("--trajectories <N>")]
    [Description("Generation-0 trajectories.")]
    public int? Trajectories { get; init; }

    [CommandOption("--armnet-hidden <N>")]
    [Description("ArmNet's hidden units.")]
    public int? ArmNetHidden { get; init; }

    [CommandOption("--controller-hidden <N>")]
    [Description("ControllerNet's hidden units.")]
    public int? ControllerHidden { get; init; }

    [CommandOption("--epochs <N>")]
    [Description("ArmNet training epochs per generation.")]
    public int? Epochs { get; init; }

    [CommandOption("--iterations <N>")]
    [Description("ControllerNet training iterations of generation 0 (and of later generations unless the configuration fine-tunes them: Controller.FineTuning).")]
    public int? Iterations { get; init; }

    [CommandOption("--threads <N>")]
    [Description("TorchSharp CPU threads (results repeat bit for bit at a fixed count). Default: 1 with --quick, else TorchSharp's (one per core).")]
    public int? Threads { get; init; }

    [CommandOption("--device <DEVICE>")]
    [Description("cpu, cuda or cuda:N (default: CUDA when available, else CPU; or the ARMRNN_DEVICE variable).")]
    public string? Device { get; init; }

    public override ValidationResult Validate()
    {
        if (Quick && Config is not null)
        {
            return ValidationResult.Error("--quick and --config both choose the starting configuration; give one of them.");
        }

        if (NewData is not null and not ("closed" or "open"))
        {
            return ValidationResult.Error($"--new-data must be 'closed' or 'open'; it is '{NewData}'.");
        }

        if (Threads is < 1)
        {
            return ValidationResult.Error($"--threads must be at least 1; it is {Threads}.");
        }

        return ValidationResult.Success();
    }
}
