using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ArmRnn.Cli.Commands;

/// <summary>Options of <c>armrnn analyze</c>.</summary>
internal sealed class AnalyzeSettings : CommandSettings
{
    [CommandOption("--checkpoint <FILE>")]
    [Description("The ControllerNet checkpoint to analyse.")]
    public string? Checkpoint { get; init; }

    [CommandOption("--armnet <FILE>")]
    [Description("The ArmNet checkpoint the controller drives (its layout and control step are used).")]
    public string? ArmNet { get; init; }

    [CommandOption("--task <NAME>")]
    [Description("The task: centerout.")]
    [DefaultValue("centerout")]
    public string Task { get; init; } = "centerout";

    [CommandOption("--out <DIR>")]
    [Description("Folder for report.md, report.json, recording.h5 and the PNG plots.")]
    [DefaultValue("runs/analysis")]
    public string Output { get; init; } = "runs/analysis";

    [CommandOption("--targets <N>")]
    [Description("Centre-out targets (default: the task stored in the controller checkpoint, else 8).")]
    public int? Targets { get; init; }

    [CommandOption("--radius <M>")]
    [Description("Target distance (m; default: the checkpoint's task, else 0.1).")]
    public double? Radius { get; init; }

    [CommandOption("--go-cue <S>")]
    [Description("Go cue time (s; default: the checkpoint's task, else 0.2).")]
    public double? GoCue { get; init; }

    [CommandOption("--movement-time <S>")]
    [Description("Reference movement duration (s; default: the checkpoint's task, else 0.5).")]
    public double? MovementTime { get; init; }

    [CommandOption("--trials <N>")]
    [Description("Trials per target.")]
    [DefaultValue(8)]
    public int Trials { get; init; } = 8;

    [CommandOption("--steps <N>")]
    [Description("Steps per trial; 0 for the checkpoint's trial length, or go cue + movement time + 0.3 s if longer.")]
    [DefaultValue(0)]
    public int Steps { get; init; }

    [CommandOption("--align <EVENT>")]
    [Description("Align averages to: go (the go cue) or onset (movement onset, 10% of peak hand speed).")]
    [DefaultValue("go")]
    public string Align { get; init; } = "go";

    [CommandOption("--before <N>")]
    [Description("Steps kept before the alignment event.")]
    [DefaultValue(10)]
    public int Before { get; init; } = 10;

    [CommandOption("--starts <N>")]
    [Description("Fixed-point search starts per target.")]
    [DefaultValue(64)]
    public int Starts { get; init; } = 64;

    [CommandOption("--iterations <N>")]
    [Description("Fixed-point search iterations at most.")]
    [DefaultValue(2000)]
    public int Iterations { get; init; } = 2000;

    [CommandOption("--q-tolerance <Q>")]
    [Description("A candidate is a fixed point once q = 1/2 |F(h) - h|^2 is at most this (default 1e-10); the others are reported as slow points with their q.")]
    public double QTolerance { get; init; } = 1e-10;

    [CommandOption("--jacobian <METHOD>")]
    [Description("dense (full spectra, n³ per point) or top (the --top-k largest eigenvalues by Jacobian-vector products).")]
    [DefaultValue("dense")]
    public string Jacobian { get; init; } = "dense";

    [CommandOption("--top-k <N>")]
    [Description("Eigenvalues per fixed point with --jacobian top.")]
    [DefaultValue(10)]
    public int TopK { get; init; } = 10;

    [CommandOption("--seed <N>")]
    [Description("Seed of the trials and the fixed-point starts.")]
    [DefaultValue(1UL)]
    public ulong Seed { get; init; } = 1;

    [CommandOption("--threads <N>")]
    [Description("CPU threads for TorchSharp; 0 keeps its default. Small networks run fastest on 1, especially on a busy machine.")]
    [DefaultValue(0)]
    public int Threads { get; init; }

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Checkpoint) || string.IsNullOrWhiteSpace(ArmNet))
        {
            return ValidationResult.Error("--checkpoint (a ControllerNet checkpoint) and --armnet (an ArmNet checkpoint) are required.");
        }

        if (!string.Equals(Task, "centerout", StringComparison.OrdinalIgnoreCase))
        {
            return ValidationResult.Error($"--task must be centerout; it is '{Task}'.");
        }

        if (Align is not ("go" or "onset"))
        {
            return ValidationResult.Error($"--align must be go or onset; it is '{Align}'.");
        }

        if (Jacobian is not ("dense" or "top"))
        {
            return ValidationResult.Error($"--jacobian must be dense or top; it is '{Jacobian}'.");
        }

        if (Targets is < 1 or > 360 || Trials < 1 || Starts < 1 || Iterations < 0 || Before < 0 || Steps < 0 || TopK < 1 || Threads < 0)
        {
            return ValidationResult.Error(Invariant($"--targets ({Targets}) must be in [1, 360]; --trials ({Trials}), --starts ({Starts}) and --top-k ({TopK}) at least 1; --iterations ({Iterations}), --before ({Before}), --steps ({Steps}) and --threads ({Threads}) not negative."));
        }

        return Radius is null or > 0 && GoCue is null or >= 0 && MovementTime is null or > 0 && !string.IsNullOrWhiteSpace(Output)
            ? ValidationResult.Success()
            : ValidationResult.Error(Invariant($"--radius ({Radius}) and --movement-time ({MovementTime}) must be positive, --go-cue ({GoCue}) not negative, and --out must name a folder."));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
