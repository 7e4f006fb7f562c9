using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ArmRnn.Cli.Commands;

/// <summary>Options of <c>armrnn demo</c>.</summary>
internal sealed class DemoSettings : CommandSettings
{
    [CommandOption("--out <PATH>")]
    [Description("HDF5 file for the trajectories (written atomically).")]
    [DefaultValue("runs/demo/centerout.h5")]
    public string Output { get; init; } = "runs/demo/centerout.h5";

    [CommandOption("--targets <N>")]
    [Description("Number of centre-out targets.")]
    [DefaultValue(8)]
    public int Targets { get; init; } = 8;

    [CommandOption("--radius <M>")]
    [Description("Target distance from the start (m).")]
    [DefaultValue(0.10)]
    public double Radius { get; init; } = 0.10;

    [CommandOption("--duration <S>")]
    [Description("Trial duration (s).")]
    [DefaultValue(1.2)]
    public double Duration { get; init; } = 1.2;

    [CommandOption("--dt <S>")]
    [Description("Control step (s).")]
    [DefaultValue(0.01)]
    public double Dt { get; init; } = 0.01;

    public override ValidationResult Validate()
    {
        if (Targets is < 1 or > 360)
        {
            return ValidationResult.Error(Invariant($"--targets must be in [1, 360]; it is {Targets}."));
        }

        if (!(Radius > 0) || !(Dt > 0) || !(Duration >= Dt))
        {
            return ValidationResult.Error(Invariant($"--radius ({Radius}) and --dt ({Dt}) must be positive and --duration ({Duration}) at least one step."));
        }

        return string.IsNullOrWhiteSpace(Output) ? ValidationResult.Error("--out must name a file.") : ValidationResult.Success();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
