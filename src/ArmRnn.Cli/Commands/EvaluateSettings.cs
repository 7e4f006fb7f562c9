using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ArmRnn.Cli.Commands;

/// <summary>Options of <c>armrnn evaluate</c>. Every value is also in its configuration (<c>--config</c>,
/// <c>--print-config</c>); a flag overrides the configuration file.</summary>
internal sealed class EvaluateSettings : CommandSettings
{
    [CommandOption("--armnet <FILE>")]
    [Description("The ArmNet checkpoint to evaluate.")]
    public string? ArmNet { get; init; }

    [CommandOption("--data <FILE>")]
    [Description("Test data (HDF5) to score ArmNet on (VAF per channel); repeat to concatenate files.")]
    public string[]? Data { get; init; }

    [CommandOption("--controller <FILE>")]
    [Description("Also run this ControllerNet on the centre-out task from the centre posture, on the real plant and on ArmNet.")]
    public string? Controller { get; init; }

    [CommandOption("--json <FILE>")]
    [Description("Write the numbers as JSON (snake_case keys, SI units, VAF in percent).")]
    public string? Json { get; init; }

    [CommandOption("--config <FILE>")]
    [Description("Start from this configuration (JSON as printed by --print-config; missing values keep their defaults).")]
    public string? Config { get; init; }

    [CommandOption("--print-config")]
    [Description("Print the effective configuration as JSON and exit.")]
    public bool PrintConfig { get; init; }

    [CommandOption("--steps <N>")]
    [Description("Control steps per reach (default: the controller's training trial length).")]
    public int? Steps { get; init; }

    [CommandOption("--radius <M>")]
    [Description("Target distance in metres (default: the controller's training task).")]
    public double? Radius { get; init; }

    [CommandOption("--seed <SEED>")]
    [Description("Seed of the reach trials (default 1).")]
    public ulong? Seed { get; init; }

    [CommandOption("--model <MODEL>")]
    [Description("The real plant: arm26 (built in) or an OpenSim .osim file (must be ArmNet's).")]
    public string? Model { get; init; }

    [CommandOption("--accuracy <A>")]
    [Description("Integrator accuracy of the plant (default 1e-5).")]
    public double? Accuracy { get; init; }

    [CommandOption("--threads <N>")]
    [Description("TorchSharp CPU threads. Default: TorchSharp's.")]
    public int? Threads { get; init; }

    [CommandOption("--device <DEVICE>")]
    [Description("cpu, cuda or cuda:N (default: CUDA when available, else CPU; or the ARMRNN_DEVICE variable).")]
    public string? Device { get; init; }

    public override ValidationResult Validate() => Threads is < 1
        ? ValidationResult.Error(string.Create(CultureInfo.InvariantCulture, $"--threads must be at least 1; it is {Threads}."))
        : ValidationResult.Success();
}
