using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ArmRnn.Cli.Commands;

/// <summary>Options of <c>armrnn simulate</c>.</summary>
internal sealed class SimulateSettings : CommandSettings
{
    [CommandOption("--model <MODEL>")]
    [Description("'arm26' (built in; managed engine only) or a model file: OpenSim .osim (managed, native-opensim) or MuJoCo MJCF .xml (native-mujoco).")]
    [DefaultValue("arm26")]
    public string Model { get; init; } = "arm26";

    [CommandOption("--engine <ENGINE>")]
    [Description("'managed' (ArmRnn's own OpenSim engine, no native dependencies), 'native-opensim' or 'native-mujoco' (libarmrnn_plant, see docs/native.md). Native engines hold each excitation over a --dt step, at its value at the step's midpoint.")]
    [DefaultValue("managed")]
    public string Engine { get; init; } = "managed";

    [CommandOption("--native-library <PATH>")]
    [Description("The native plant library (file or folder). Default: ARMRNN_NATIVE_PATH, then runtimes/<rid>/native next to the tool, then the system's library path.")]
    public string? NativeLibrary { get; init; }

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

        if (Engine is not ("managed" or "native-opensim" or "native-mujoco"))
        {
            return ValidationResult.Error($"--engine must be 'managed', 'native-opensim' or 'native-mujoco'; it is '{Engine}'.");
        }

        if (Engine != "managed" && Model == "arm26")
        {
            return ValidationResult.Error($"--engine {Engine} needs a model file (--model): 'arm26' is built into the managed engine only.");
        }

        if (Engine == "managed" && NativeLibrary is not null)
        {
            return ValidationResult.Error("--native-library is for the native engines (--engine native-opensim or native-mujoco).");
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
