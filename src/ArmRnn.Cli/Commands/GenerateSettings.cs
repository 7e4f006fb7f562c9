using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ArmRnn.Cli.Commands;

/// <summary>Options of <c>armrnn generate</c>. Every value is also in its configuration (<c>--config</c>,
/// <c>--print-config</c>); a flag overrides the configuration file.</summary>
internal sealed class GenerateSettings : CommandSettings
{
    [CommandOption("--out <FILE>")]
    [Description("The dataset (HDF5, written atomically). A rerun after Ctrl+C continues from the chunks already simulated.")]
    public string? Out { get; init; }

    [CommandOption("--test-out <FILE>")]
    [Description("Also hold out InitialData.TestFraction of the trajectories (the last ones) into this HDF5 file.")]
    public string? TestOut { get; init; }

    [CommandOption("--config <FILE>")]
    [Description("Start from this configuration (JSON as printed by --print-config; missing values keep their defaults).")]
    public string? Config { get; init; }

    [CommandOption("--print-config")]
    [Description("Print the effective configuration as JSON and exit.")]
    public bool PrintConfig { get; init; }

    [CommandOption("--trajectories <N>")]
    [Description("Trajectories to simulate (default 384).")]
    public int? Trajectories { get; init; }

    [CommandOption("--steps <N>")]
    [Description("Control steps per trajectory (default 80).")]
    public int? Steps { get; init; }

    [CommandOption("--excitation-min <E>")]
    [Description("Lowest excitation of the smooth random excitations (default 0.02).")]
    public double? ExcitationMin { get; init; }

    [CommandOption("--excitation-max <E>")]
    [Description("Highest excitation of the smooth random excitations (default 0.5).")]
    public double? ExcitationMax { get; init; }

    [CommandOption("--cutoff <HZ>")]
    [Description("Cut-off frequency (Hz) of the smooth random excitations (default 2).")]
    public double? Cutoff { get; init; }

    [CommandOption("--seed <SEED>")]
    [Description("Seed of the starting states, excitations, targets and exploration noise (default 1).")]
    public ulong? Seed { get; init; }

    [CommandOption("--model <MODEL>")]
    [Description("The plant: arm26 (built in) or an OpenSim .osim file.")]
    public string? Model { get; init; }

    [CommandOption("--posture-range <FRACTION>")]
    [Description("Starting postures: this fraction of each coordinate's range, centred on the home posture (Plant.HomePosture; Plant.DataPostureRange, with --controller Plant.TrainingPostureRange).")]
    public double? PostureRange { get; init; }

    [CommandOption("--accuracy <A>")]
    [Description("Integrator accuracy of the plant (default 1e-5).")]
    public double? Accuracy { get; init; }

    [CommandOption("--controller <FILE>")]
    [Description("Make the data with this ControllerNet checkpoint reaching centre-out targets instead of random excitations.")]
    public string? Controller { get; init; }

    [CommandOption("--mode <MODE>")]
    [Description("With --controller: closed (the controller drives the real plant; default) or open (it drives ArmNet, whose excitations are replayed on the real plant; needs --armnet).")]
    public string? Mode { get; init; }

    [CommandOption("--armnet <FILE>")]
    [Description("With --mode open: the ArmNet checkpoint the controller drives.")]
    public string? ArmNet { get; init; }

    [CommandOption("--noise <STD>")]
    [Description("With --controller: standard deviation of the exploration noise added to every excitation (default 0.05).")]
    public double? Noise { get; init; }

    [CommandOption("--threads <N>")]
    [Description("TorchSharp CPU threads (with --controller). Default: TorchSharp's.")]
    public int? Threads { get; init; }

    [CommandOption("--device <DEVICE>")]
    [Description("cpu, cuda or cuda:N for the networks (default: CUDA when available, else CPU).")]
    public string? Device { get; init; }

    public override ValidationResult Validate()
    {
        if (Mode is not null and not ("closed" or "open"))
        {
            return ValidationResult.Error($"--mode must be 'closed' or 'open'; it is '{Mode}'.");
        }

        if (Threads is < 1)
        {
            return ValidationResult.Error(string.Create(CultureInfo.InvariantCulture, $"--threads must be at least 1; it is {Threads}."));
        }

        return ValidationResult.Success();
    }
}
