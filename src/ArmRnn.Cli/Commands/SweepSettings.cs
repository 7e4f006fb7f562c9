using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ArmRnn.Cli.Commands;

/// <summary>Options of <c>armrnn sweep</c>.</summary>
internal sealed class SweepSettings : CommandSettings
{
    [CommandOption("--data <FILE>")]
    [Description("The fixed dataset (HDF5 from 'armrnn generate' or a pipeline run's data-train.h5); repeat to concatenate files.")]
    public string[] Data { get; init; } = [];

    [CommandOption("--out <FOLDER>")]
    [Description("Sweep folder (default runs/sweep). Each grid point's result is its own file; reruns skip complete points.")]
    public string Out { get; init; } = Path.Combine("runs", "sweep");

    [CommandOption("--quick")]
    [Description("The 16-point grid sized for a 2-core CPU. Without it (and without --config): the poster's 180-point grid.")]
    public bool Quick { get; init; }

    [CommandOption("--config <FILE>")]
    [Description("Sweep options as JSON (as printed by --print-config).")]
    public string? Config { get; init; }

    [CommandOption("--print-config")]
    [Description("Print the effective sweep options as JSON and exit.")]
    public bool PrintConfig { get; init; }

    [CommandOption("--point <INDEX>")]
    [Description("Run only this grid point (0-based), e.g. as one task of a Slurm array (--array=0-<N-1>).")]
    public int? Point { get; init; }

    [CommandOption("--list")]
    [Description("Print the grid points and their number, and exit.")]
    public bool List { get; init; }

    [CommandOption("--epochs <N>")]
    [Description("Epochs per point.")]
    public int? Epochs { get; init; }

    [CommandOption("--threads <N>")]
    [Description("TorchSharp CPU threads.")]
    public int? Threads { get; init; }

    [CommandOption("--device <DEVICE>")]
    [Description("cpu, cuda or cuda:N (default: CUDA when available, else CPU).")]
    public string? Device { get; init; }

    public override ValidationResult Validate()
    {
        if (Quick && Config is not null)
        {
            return ValidationResult.Error("--quick and --config both choose the grid; give one of them.");
        }

        if (Point is < 0)
        {
            return ValidationResult.Error($"--point must be 0 or more; it is {Point}.");
        }

        return ValidationResult.Success();
    }
}
