using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ArmRnn.Cli.Commands;

/// <summary>Options of <c>armrnn simulate</c>.</summary>
internal sealed class SimulateSettings : CommandSettings
{
    [CommandOption("--model <MODEL>")]
    [Description("'arm26' (built in) or the path of an OpenSim .osim file.")]
    [DefaultValue("arm26")]
    public string Model { get; init; } = "arm26";

    [CommandOption("--controls <FILE>")]
    [Description("Excitations: an OpenSim storage (.sto, one column per muscle) or ControlSet (.xml) file, linearly interpolated.")]
    public string? Controls { get; init; }

    [CommandOption("--duration <S>")]
    [Description("Simulated time (s). Default: up to the last control sample.")]
    public double? Duration { get; init; }

    [CommandOption("--out <FILE>")]
    [Description("Output .sto file (written atomically).")]
    public string? Output { get; init; }

    [CommandOption("--initial-state <FILE>")]
    [Description("Start from the first row of this .sto (coordinates, speeds, activations; fibers are equilibrated). Default: q = 0, u = 0, activations at their floor.")]
    public string? InitialState { get; init; }

    [CommandOption("--dt <S>")]
    [Description("Output interval (s).")]
    [DefaultValue(0.01)]
    public double Dt { get; init; } = 0.01;

    [CommandOption("--outputs <WHICH>")]
    [Description("'states' (OpenSim's state variables) or 'all' (every channel of the model's layout: 49 for Arm26).")]
    [DefaultValue("states")]
    public string Outputs { get; init; } = "states";

    [CommandOption("--accuracy <A>")]
    [Description("Integrator accuracy (Runge-Kutta-Merson).")]
    [DefaultValue(1e-5)]
    public double Accuracy { get; init; } = 1e-5;

    [CommandOption("--integrator <KIND>")]
    [Description("'rkm' (error-controlled Runge-Kutta-Merson) or 'fixed' (fixed-step Runge-Kutta).")]
    [DefaultValue("rkm")]
    public string Integrator { get; init; } = "rkm";

    [CommandOption("--fixed-step <S>")]
    [Description("Step (s) of the fixed-step integrator.")]
    [DefaultValue(0.0005)]
    public double FixedStep { get; init; } = 0.0005;

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Controls))
        {
            return ValidationResult.Error("--controls is required: an OpenSim .sto or ControlSet .xml file with one excitation per muscle.");
        }

        if (string.IsNullOrWhiteSpace(Output))
        {
            return ValidationResult.Error("--out is required: the .sto file to write.");
        }

        if (Outputs is not ("states" or "all"))
        {
            return ValidationResult.Error($"--outputs must be 'states' or 'all'; it is '{Outputs}'.");
        }

        if (Integrator is not ("rkm" or "fixed"))
        {
            return ValidationResult.Error($"--integrator must be 'rkm' or 'fixed'; it is '{Integrator}'.");
        }

        if (!(Dt > 0) || Duration is <= 0)
        {
            return ValidationResult.Error(string.Create(CultureInfo.InvariantCulture, $"--dt ({Dt}) and --duration ({Duration}) must be positive."));
        }

        return ValidationResult.Success();
    }
}
